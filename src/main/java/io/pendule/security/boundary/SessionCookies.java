package io.pendule.security.boundary;

import io.pendule.dashboard.boundary.SecurityHeaders;
import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.annotation.WebListener;

import java.util.EnumSet;

/**
 * The dashboard's session cookie (which holds only the form token) is out of scripts' reach and not sent with
 * requests from other sites: HttpOnly here, and SameSite=Lax in WEB-INF/payara-web.xml (Payara does not apply a
 * SameSite given to the SessionCookieConfig), on top of the form token itself. Sessions are tracked by the
 * cookie only: never by a ";jsessionid=" in the pages' links, where it would leak into logs, bookmarks and Referer.
 * Secure when PENDULE_PUBLIC_URL is https: behind a proxy that ends TLS, Pendule sees plain HTTP requests, and the
 * cookie must still never go over http (without it, Payara marks it Secure on a request that came by https itself).
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Inject
    Settings settings;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        if (SecurityHeaders.isHttps(settings.publicUrl())) {
            cookie.setSecure(true);
        }
        event.getServletContext().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
    }
}
