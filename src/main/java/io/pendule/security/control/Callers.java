package io.pendule.security.control;

import io.pendule.api.entity.ForbiddenException;
import io.pendule.security.entity.Identity;
import jakarta.servlet.http.HttpServletRequest;

/** Who a request acts as, as {@link PenduleAuthentication} found it, for the boundaries to pass to the controls. */
public final class Callers {

    private Callers() {
    }

    public static Identity of(HttpServletRequest request) {
        Object identity = request.getAttribute(PenduleAuthentication.IDENTITY);
        if (identity instanceof Identity known) {
            return known;
        }
        throw new ForbiddenException("the request has no identity");
    }

    /** Whether the request's user must change their password before anything else ({@link PenduleAuthentication}). */
    public static boolean mustChangePassword(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(PenduleAuthentication.MUST_CHANGE_PASSWORD));
    }
}
