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

    static final String PROVIDER_ID_TOKEN = "pendule.sso.idToken";
    static final String PROVIDER_SIGN_IN = "pendule.sso.started";

    /** Keeps the provider's ID token of a single sign-on, to end the provider's session too at sign-out. */
    public static void rememberProviderSession(HttpServletRequest request, String idToken) {
        request.getSession(true).setAttribute(PROVIDER_ID_TOKEN, idToken);
    }

    public static Optional<String> providerIdToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(PROVIDER_ID_TOKEN));
    }

    /** A single sign-on under way, kept in the visitor's session (a new one, as the sign-in page's) until they come back. */
    public static void startProviderSignIn(HttpServletRequest request, SingleSignOn.Started started) {
        request.getSession(true).setAttribute(PROVIDER_SIGN_IN, started);
    }

    /** The single sign-on this session started, taken: a callback is used once. */
    public static Optional<SingleSignOn.Started> takeProviderSignIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object started = session == null ? null : session.getAttribute(PROVIDER_SIGN_IN);
        if (session != null) {
            session.removeAttribute(PROVIDER_SIGN_IN);
        }
        return started instanceof SingleSignOn.Started found ? Optional.of(found) : Optional.empty();
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
