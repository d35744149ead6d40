package io.pendule.security.control;

import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A dashboard session: made at sign-in only (a visitor who has not signed in has none, so that a flood of page views
 * cannot fill the heap), with a new id (no fixation), holding who signed in and their user's epoch: a change of their
 * password, role or state ends it on every node.
 */
public final class DashboardSessions {

    static final String KEY = "pendule.signedIn";
    /** The session's form token (security.boundary.FormTokenFilter): a new one at sign-in. */
    public static final String FORM_TOKEN = "pendule.formToken";

    private DashboardSessions() {
    }

    private record SignedIn(String name, String role, int epoch, Instant at) implements Serializable {
    }

    /**
     * Signs {@code identity} in: a fresh session id, whatever the request had, ending after {@code idle} without a
     * request (the container's timeout) and after {@code longest} in any case ({@link #of}).
     */
    public static void signIn(HttpServletRequest request, Identity identity, int epoch, Instant now, Duration idle) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        HttpSession session = request.getSession(true);
        session.removeAttribute(FORM_TOKEN);
        session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, idle.toSeconds()));
        session.setAttribute(KEY, new SignedIn(identity.name(), identity.role().id(), epoch, now));
    }

    public static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Who signed in to this request's session, and at which epoch of their user, unless it is older than {@code longest}. */
    static Optional<Signed> of(HttpServletRequest request, Instant now, Duration longest) {
        HttpSession session = request.getSession(false);
        Object value = session == null ? null : session.getAttribute(KEY);
        if (value instanceof SignedIn signed && signed.at().plus(longest).isAfter(now)) {
            return Role.of(signed.role()).map(role -> new Signed(Identity.user(signed.name(), role), signed.epoch()));
        }
        return Optional.empty();
    }

    record Signed(Identity identity, int epoch) {
    }
}
