package io.pendule.security.boundary;

import io.pendule.platform.Settings;
import io.pendule.security.control.AuditLog;
import io.pendule.security.control.DashboardSessions;
import io.pendule.security.control.SingleSignOn;
import io.pendule.security.control.Users;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * Single sign-on for the dashboard: /login/sso sends the visitor to the provider (PENDULE_OIDC_ISSUER) with a state,
 * a nonce and a PKCE challenge kept in their session; /login/sso/callback takes them back, checks the state, trades
 * the code for the provider's ID token, and signs them in as the user it names, with the role their groups give. A
 * provider's user is made at their first sign-in and never takes over a local user's name. Sign-ins and refusals are
 * in the audit log.
 */
@WebServlet({SingleSignOnPages.START, SingleSignOnPages.CALLBACK})
public class SingleSignOnPages extends HttpServlet {

    static final String START = "/login/sso";
    static final String CALLBACK = "/login/sso/callback";
    /** How long a visitor may take at the provider's sign-in page. */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    @Inject
    SingleSignOn sso;
    @Inject
    SignInPage signInPage;
    @Inject
    Users users;
    @Inject
    AuditLog audit;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!sso.enabled()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (request.getServletPath().equals(START)) {
            start(request, response);
        } else {
            callback(request, response);
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            SingleSignOn.Started started = sso.start(redirectUri(request), SignInPages.localPath(request.getParameter("next")),
                    time.instant());
            DashboardSessions.startProviderSignIn(request, started);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", started.authorization().toString());
        } catch (SingleSignOn.Refused providerDown) {
            signInPage.show(request, response, HttpServletResponse.SC_BAD_GATEWAY, "sso.failed", providerDown.getMessage());
        }
    }

    private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SingleSignOn.Started> started = DashboardSessions.takeProviderSignIn(request);
        String state = request.getParameter("state");
        if (started.isEmpty() || state == null || !sameText(state, started.get().state())
                || started.get().at().plus(PATIENCE).isBefore(time.instant())) {
            signInPage.show(request, response, HttpServletResponse.SC_BAD_REQUEST, "sso.failed",
                    "this sign-in was not started here, was already used, or took more than 10 minutes: start again");
            return;
        }
        String error = request.getParameter("error");
        String code = request.getParameter("code");
        if (error != null || code == null) {
            String why = error == null ? "no code" : error + Optional.ofNullable(request.getParameter("error_description"))
                    .map(description -> ": " + description).orElse("");
            signInPage.show(request, response, HttpServletResponse.SC_UNAUTHORIZED, "sso.failed", "the provider says " + why);
            return;
        }
        SingleSignOn.Vouched vouched;
        try {
            vouched = sso.finish(started.get(), code, redirectUri(request));
        } catch (SingleSignOn.Refused refused) {
            failed(request, "?", refused.getMessage());
            signInPage.show(request, response, HttpServletResponse.SC_UNAUTHORIZED, "sso.failed", refused.getMessage());
            return;
        }
        if (vouched.role().isEmpty()) {
            failed(request, vouched.name(), "none of the groups " + vouched.groups() + " gives a Pendule role");
            signInPage.show(request, response, HttpServletResponse.SC_FORBIDDEN, "sso.noRole", vouched.name());
            return;
        }
        Identity signedIn = SingleSignOn.identity(vouched).from(request.getRemoteAddr(), request.getHeader("User-Agent"));
        Optional<AppUser> user = users.ofProvider(signedIn);
        if (user.isEmpty()) {
            failed(request, vouched.name(), "the name is a local user's, or the user is disabled here");
            signInPage.show(request, response, HttpServletResponse.SC_FORBIDDEN, "sso.taken", vouched.name());
            return;
        }
        DashboardSessions.signIn(request, signedIn, user.get().getSessionEpoch(), time.instant(), settings.sessionIdle());
        DashboardSessions.rememberProviderSession(request, vouched.idToken());
        audit.alone(signedIn, AuditAction.LOGIN_SUCCESS, signedIn.name(), AuditEvent.Outcome.ALLOWED,
                Map.of("via", "single sign-on", "groups", String.join(",", vouched.groups())));
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + started.get().next());
    }

    private void failed(HttpServletRequest request, String name, String reason) {
        audit.alone(Identity.user(name, Role.VIEWER).from(request.getRemoteAddr(), request.getHeader("User-Agent")),
                AuditAction.LOGIN_FAILURE, name, AuditEvent.Outcome.FAILED, Map.of("via", "single sign-on", "reason", reason));
    }

    private String redirectUri(HttpServletRequest request) {
        return base(request, settings) + CALLBACK;
    }

    /** Pendule's address as its users reach it: PENDULE_PUBLIC_URL, or the one the request names. */
    static String base(HttpServletRequest request, Settings settings) {
        return settings.publicUrl().orElseGet(() -> {
            String scheme = request.getScheme();
            int port = request.getServerPort();
            boolean usual = scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return scheme + "://" + request.getServerName() + (usual ? "" : ":" + port);
        }) + request.getContextPath();
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
