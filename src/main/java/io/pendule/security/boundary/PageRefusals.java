package io.pendule.security.boundary;

import io.pendule.dashboard.boundary.PageRefused;
import io.pendule.security.control.AuditLog;
import io.pendule.security.control.PenduleAuthentication;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;

/** The page routes' refusals (dashboard.boundary.RoutedPages), in the audit log as authz.denied. */
@ApplicationScoped
public class PageRefusals {

    @Inject
    AuditLog audit;

    void refused(@Observes PageRefused refused) {
        HttpServletRequest request = refused.request();
        if (request.getAttribute(PenduleAuthentication.IDENTITY) instanceof Identity caller) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            audit.denied(caller, request.getMethod() + " " + path, "this page needs the role " + refused.neededRole()
                    + "; the request acts as " + caller.name() + " (" + caller.role().id() + ")",
                    Map.of("needed", refused.neededRole(), "role", caller.role().id()));
        }
    }
}
