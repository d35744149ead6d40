package io.pendule.security.control;

import io.pendule.api.control.ApiPaths;
import io.pendule.security.entity.Identity;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;

/**
 * Who a request is, for every request (Jakarta Security resolves one mechanism per application, so this one tells all
 * credentials apart):
 * <ol>
 * <li>on {@code /metrics} only, the scrape token ({@link ScrapeToken}), as a viewer;</li>
 * <li>an API token: {@code Authorization: Bearer}, Dkron Pro's {@code X-Dkron-Token}, or HTTP Basic with an empty
 * name and the token as password ({@code curl -u :TOKEN});</li>
 * <li>an access token of the single sign-on provider ({@link SingleSignOn}) as {@code Authorization: Bearer};</li>
 * <li>a user's name and password by HTTP Basic (throttled like the sign-in page);</li>
 * <li>for the pages only, a dashboard session ({@link DashboardSessions}); never for the API nor Payara's /metrics and
 * /openapi ({@link ApiPaths}), so that a page on another site cannot drive the API with a signed-in user's cookie;</li>
 * <li>the anonymous role, when an operator opened it ({@link AnonymousAccess}).</li>
 * </ol>
 * A user who must change their password (an admin set it so) is refused on the API by HTTP Basic (403, their tokens
 * still work), and let into the pages marked {@link #MUST_CHANGE_PASSWORD}, which send them to change it.
 * Credentials that are wrong are refused (401), never taken for anonymous. A request with none, to a protected path,
 * gets 401 with {@code WWW-Authenticate} on the API and the sign-in page on the dashboard. Basic is never asked for,
 * so that browsers never keep a password to send with other sites' requests.
 */
@ApplicationScoped
public class PenduleAuthentication implements HttpAuthenticationMechanism {

    /** The request attribute holding the {@link Identity} a request acts as. */
    public static final String IDENTITY = "pendule.identity";
    /** The request attribute, true when the signed-in user must change their password before anything else. */
    public static final String MUST_CHANGE_PASSWORD = "pendule.mustChangePassword";
    static final String CHALLENGE = "Bearer realm=\"pendule\"";

    @Inject
    CredentialCache credentials;
    @Inject
    AnonymousAccess anonymous;
    @Inject
    LoginThrottle throttle;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;
    @Inject
    SingleSignOn sso;
    @Inject
    ScrapeToken scrapeToken;

    private Duration sessionLongest;

    @PostConstruct
    void readSettings() {
        sessionLongest = settings.sessionLongest();
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        boolean api = ApiPaths.isApi(request);
        Presented presented = Presented.of(request);
        try {
            if (presented.token() != null && sso.enabled() && SingleSignOn.looksLikeJwt(presented.token())) {
                return byProvider(request, response, context, presented.token());
            }
            Optional<Identity> scraper = presented.token() == null ? Optional.empty()
                    : scrapeToken.identityFor(request, presented.token());
            if (scraper.isPresent()) {
                return signIn(request, context, scraper.get());
            }
            if (presented.token() != null) {
                Optional<Identity> identity = credentials.ofToken(presented.token());
                return identity.isPresent() ? signIn(request, context, identity.get())
                        : refuse(response, api, "invalid_token", "the API token is not valid (unknown, revoked or expired)");
            }
            if (presented.user() != null) {
                return byPassword(request, response, context, api, presented);
            }
            if (!api) {
                Optional<DashboardSessions.Signed> signed = DashboardSessions.of(request, time.instant(), sessionLongest);
                if (signed.isPresent() && credentials.sessionStands(signed.get().identity().name(), signed.get().epoch())) {
                    markPasswordChange(request, signed.get().identity().name());
                    return signIn(request, context, signed.get().identity(), true);
                }
                signed.ifPresent(ended -> DashboardSessions.signOut(request));
            }
            Optional<Identity> anonymousIdentity = anonymous.identityFor(request);
            if (anonymousIdentity.isPresent()) {
                return signIn(request, context, anonymousIdentity.get());
            }
            if (!context.isProtected()) {
                return context.doNothing();
            }
            return api ? refuse(response, true, null, "credentials needed: an API token (Authorization: Bearer …) or a "
                    + "user's name and password (HTTP Basic); see docs/security.md") : toSignIn(request, context);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An access token of the single sign-on provider: its user, with the role their groups give. */
    private AuthenticationStatus byProvider(HttpServletRequest request, HttpServletResponse response,
                                            HttpMessageContext context, String token) throws IOException {
        Optional<SingleSignOn.Vouched> vouched = sso.ofAccessToken(token);
        if (vouched.isEmpty()) {
            return refuse(response, true, "invalid_token", "the provider's token is not valid here (signature, issuer, "
                    + "audience " + settings.oidcAudience() + ", expiry)");
        }
        if (vouched.get().role().isEmpty() || !credentials.providerUserStands(vouched.get().name())) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            writeError(response, vouched.get().role().isEmpty()
                    ? "none of " + vouched.get().name() + "'s groups " + vouched.get().groups() + " gives a Pendule role"
                    : vouched.get().name() + " is a local user's name, or a user disabled here: the provider's user may not act as it");
            return AuthenticationStatus.SEND_FAILURE;
        }
        return signIn(request, context, SingleSignOn.identity(vouched.get()));
    }

    private AuthenticationStatus byPassword(HttpServletRequest request, HttpServletResponse response,
                                            HttpMessageContext context, boolean api, Presented presented) throws IOException {
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.wait(presented.user(), address);
        if (wait.isPresent()) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            writeError(response, "too many failed sign-ins for " + presented.user() + " from " + address + ": try again in "
                    + Math.max(1, wait.get().toSeconds()) + " s");
            return AuthenticationStatus.SEND_FAILURE;
        }
        Optional<Identity> identity = credentials.ofPassword(presented.user(), presented.password());
        if (identity.isEmpty()) {
            throttle.failed(presented.user(), address);
            return refuse(response, api, null, "wrong user name or password");
        }
        throttle.succeeded(presented.user(), address);
        if (api && credentials.mustChangePassword(identity.get().name())) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            writeError(response, identity.get().name() + " must change their password first: sign in to the dashboard, "
                    + "which asks for a new one at /account/password (API tokens are not concerned)");
            return AuthenticationStatus.SEND_FAILURE;
        }
        markPasswordChange(request, identity.get().name());
        return signIn(request, context, identity.get());
    }

    private void markPasswordChange(HttpServletRequest request, String user) {
        if (credentials.mustChangePassword(user)) {
            request.setAttribute(MUST_CHANGE_PASSWORD, true);
        }
    }

    private static AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, Identity identity) {
        return signIn(request, context, identity, false);
    }

    /**
     * Lets the request in as {@code identity}, from the request's address and user agent (for the audit log); the pages
     * read who it is (and whether to offer "sign out").
     */
    private static AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, Identity identity,
                                               boolean bySession) {
        request.setAttribute(IDENTITY, identity.from(request.getRemoteAddr(), request.getHeader("User-Agent")));
        request.setAttribute("signedInName", identity.name());
        request.setAttribute("signedInRole", identity.role().id());
        request.setAttribute("signedInBySession", bySession);
        return context.notifyContainerAboutLogin(identity.name(), identity.role().groups());
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, boolean api, String error, String message)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
        writeError(response, message);
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static void writeError(HttpServletResponse response, String message) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"errors\":[]}");
    }

    /** A page asked without a session: the sign-in page, then back to it (a GET's path; a form's page otherwise). */
    private static AuthenticationStatus toSignIn(HttpServletRequest request, HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String next = "GET".equals(request.getMethod()) && request.getQueryString() != null ? path + "?" + request.getQueryString() : path;
        return context.redirect(request.getContextPath() + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** The credentials a request carries: a token, or a user's name and password, or nothing. */
    record Presented(String token, String user, String password) {

        static final Presented NOTHING = new Presented(null, null, null);

        static Presented of(HttpServletRequest request) {
            String dkron = request.getHeader("X-Dkron-Token");
            if (dkron != null && !dkron.isBlank()) {
                return new Presented(dkron.trim(), null, null);
            }
            String authorization = request.getHeader("Authorization");
            if (authorization == null) {
                return NOTHING;
            }
            int space = authorization.indexOf(' ');
            String scheme = space < 0 ? authorization : authorization.substring(0, space);
            String value = space < 0 ? "" : authorization.substring(space + 1).trim();
            if (scheme.equalsIgnoreCase("Bearer")) {
                return new Presented(value, null, null);
            }
            if (scheme.equalsIgnoreCase("Basic")) {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return new Presented("", null, null); // malformed: refused as a bad token, never anonymous
                }
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                String password = colon < 0 ? "" : decoded.substring(colon + 1);
                return user.isEmpty() ? new Presented(password, null, null) : new Presented(null, user, password);
            }
            return new Presented("", null, null); // an unknown scheme: refused, never anonymous
        }
    }
}
