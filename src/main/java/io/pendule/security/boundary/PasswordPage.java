package io.pendule.security.boundary;

import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.platform.Settings;
import io.pendule.security.control.Callers;
import io.pendule.security.control.DashboardSessions;
import io.pendule.security.control.LoginThrottle;
import io.pendule.security.control.Users;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /account/password: a signed-in user changes their own password, giving the current one (guesses are throttled as
 * at sign-in) and the new one twice. The change ends the user's other sessions; this one goes on, signed in again.
 * A user who must change their password ({@link PasswordChangeFilter}) is told so here, and is free once it is changed.
 */
@WebServlet(PasswordPage.PATH)
public class PasswordPage extends RoutedPages {

    static final String PATH = "/account/password";

    @Inject
    Users users;
    @Inject
    LoginThrottle throttle;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> show(request, response, 200, List.of()))
                .post(Role.VIEWER_NAME, "/?", (request, response, parts) -> change(request, response));
    }

    /** What went wrong, as a text key of the page and its one parameter. */
    public record Problem(String key, Object detail) {
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, List<Problem> problems)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("problems", problems);
        model.put("changed", request.getParameter("changed") != null && problems.isEmpty());
        model.put("mustChange", Callers.mustChangePassword(request));
        model.put("user", Callers.of(request).kind() == Identity.Kind.USER);
        model.put("minPassword", Users.MIN_PASSWORD_LENGTH);
        response.setStatus(status);
        pages.render(request, response, "password", model);
    }

    private void change(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Identity reader = Callers.of(request);
        if (reader.kind() != Identity.Kind.USER) {
            show(request, response, HttpServletResponse.SC_FORBIDDEN, List.of(new Problem("password.notUser", "")));
            return;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.wait(reader.name(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            response.setHeader("Retry-After", Long.toString(seconds));
            show(request, response, 429, List.of(new Problem("password.throttled", seconds)));
            return;
        }
        if (users.withPassword(reader.name(), request.getParameter("current")).isEmpty()) {
            throttle.failed(reader.name(), address);
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, List.of(new Problem("password.wrong", "")));
            return;
        }
        throttle.succeeded(reader.name(), address);
        List<Problem> problems = problems(request.getParameter("current"), request.getParameter("password"),
                request.getParameter("repeat"));
        if (!problems.isEmpty()) {
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, problems);
            return;
        }
        AppUser changed = users.update(Callers.of(request), reader.name(), request.getParameter("password"), null, null, null);
        if (Boolean.TRUE.equals(request.getAttribute("signedInBySession"))) {
            DashboardSessions.signIn(request, Identity.user(changed.getName(), changed.getRole()), changed.getSessionEpoch(),
                    time.instant(), settings.sessionIdle());
        }
        response.sendRedirect(request.getContextPath() + PATH + "?changed");
    }

    /**
     * What is wrong with the new password typed twice: missing, too short or long, not the same twice, the current one
     * again (which would not end what an admin knew of it).
     */
    static List<Problem> problems(String current, String password, String repeat) {
        if (password == null || password.isEmpty()) {
            return List.of(new Problem("password.missing", ""));
        }
        if (password.length() < Users.MIN_PASSWORD_LENGTH || password.length() > Users.MAX_PASSWORD_LENGTH) {
            return List.of(new Problem("password.rule", Users.MIN_PASSWORD_LENGTH));
        }
        if (!password.equals(repeat)) {
            return List.of(new Problem("password.mismatch", ""));
        }
        if (password.equals(current)) {
            return List.of(new Problem("password.same", ""));
        }
        return List.of();
    }
}
