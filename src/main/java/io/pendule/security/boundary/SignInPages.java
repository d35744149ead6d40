package io.pendule.security.boundary;

import io.pendule.platform.Settings;
import io.pendule.security.control.AuditLog;
import io.pendule.security.control.DashboardSessions;
import io.pendule.security.control.LoginThrottle;
import io.pendule.security.control.Users;
import io.pendule.security.control.PenduleAuthentication;
import io.pendule.security.control.SingleSignOn;
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
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * /login: the sign-in form (user name and password, with its form token against login CSRF), which makes the
 * dashboard session and goes back to the page first asked; /logout ends it. Failures are throttled per user and
 * address ({@link LoginThrottle}), and say nothing of whether the user exists. Sign-ins, wrong passwords and sign-outs
 * are in the audit log (not the attempts refused while throttled: each would cost a write).
 */
@WebServlet({"/login", "/logout"})
public class SignInPages extends HttpServlet {

    @Inject
    SignInPage signInPage;
    @Inject
    SingleSignOn sso;
    @Inject
    Users users;
    @Inject
    LoginThrottle throttle;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;
    @Inject
    AuditLog audit;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals("/logout")) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        signInPage.show(request, response, HttpServletResponse.SC_OK, null, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals("/logout")) {
            if (request.getAttribute(PenduleAuthentication.IDENTITY) instanceof Identity signedIn) {
                audit.alone(signedIn, AuditAction.LOGOUT, signedIn.name(), AuditEvent.Outcome.ALLOWED, Map.of());
            }
            Optional<String> providerSession = DashboardSessions.providerIdToken(request);
            DashboardSessions.signOut(request);
            String signedOut = SingleSignOnPages.base(request, settings) + "/login?signedOut";
            response.sendRedirect(providerSession.flatMap(idToken -> sso.signOut(idToken, signedOut)).map(Object::toString)
                    .orElse(request.getContextPath() + "/login?signedOut"));
            return;
        }
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.wait(name == null ? "" : name, address);
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            signInPage.show(request, response, 429, "login.throttled", Math.max(1, wait.get().toSeconds()));
            return;
        }
        Optional<AppUser> user = users.withPassword(name, password);
        if (user.isEmpty()) {
            throttle.failed(name == null ? "" : name, address);
            String tried = name == null ? "" : name;
            audit.alone(from(request, Identity.user(tried, Role.VIEWER)), AuditAction.LOGIN_FAILURE, tried,
                    AuditEvent.Outcome.FAILED, Map.of("reason", "wrong user name or password"));
            signInPage.show(request, response, HttpServletResponse.SC_UNAUTHORIZED, "login.wrong", null);
            return;
        }
        throttle.succeeded(name, address);
        Identity signedIn = Identity.user(user.get().getName(), user.get().getRole());
        DashboardSessions.signIn(request, signedIn, user.get().getSessionEpoch(), time.instant(), settings.sessionIdle());
        audit.alone(from(request, signedIn), AuditAction.LOGIN_SUCCESS, signedIn.name(), AuditEvent.Outcome.ALLOWED, Map.of());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + localPath(request.getParameter("next")));
    }

    private static Identity from(HttpServletRequest request, Identity identity) {
        return identity.from(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** Where to go after signing in: a path of this site only, never another site (an open redirect). */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == '\\') || next.startsWith("/login") || next.startsWith("/logout")) {
            return "/";
        }
        return next;
    }
}
