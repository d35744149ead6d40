package io.pendule.security.boundary;

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
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        event.getServletContext().setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
    }
}
