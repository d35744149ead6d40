package io.pendule.security.boundary;

import io.pendule.dashboard.boundary.Pages;
import io.pendule.platform.Settings;
import io.pendule.security.control.SingleSignOn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The sign-in page, with a problem to show (a message key of {@code login.*} or {@code sso.*}, and its detail): the
 * password form, and the single sign-on button when a provider is set up.
 */
@ApplicationScoped
public class SignInPage {

    @Inject
    Pages pages;
    @Inject
    SingleSignOn sso;
    @Inject
    Settings settings;

    void show(HttpServletRequest request, HttpServletResponse response, int status, String problem, Object detail)
            throws IOException {
        response.setStatus(status);
        Map<String, Object> model = new HashMap<>();
        model.put("next", SignInPages.localPath(request.getParameter("next")));
        model.put("problem", problem == null ? "" : problem);
        model.put("detail", detail == null ? "" : detail);
        model.put("signedOut", request.getParameter("signedOut") != null);
        model.put("username", request.getParameter("username") == null ? "" : request.getParameter("username"));
        model.put("ssoName", sso.enabled() ? settings.oidcProviderName() : "");
        pages.render(request, response, "login", model);
    }
}
