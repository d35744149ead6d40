package io.pendule.security.boundary;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.platform.Settings;
import io.pendule.security.control.Callers;
import io.pendule.security.control.DashboardSessions;
import io.pendule.security.control.Users;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /users, an admin's: the users with their role and state; a form to create one; for each, forms to change the role,
 * disable or enable, set a password (which they must change at their next sign-in, when the box says so), delete. A change ends the user's sessions; an admin who changes themselves stays
 * signed in with what they now are. What is refused is shown above the list, and nothing is changed.
 */
@WebServlet({"/users", "/users/*"})
public class UsersPages extends RoutedPages {

    private static final String NAME = "/([^/]+)";
    /** The notices a change comes back with (the query names one; anything else shows none). */
    static final Set<String> DONE = Set.of("created", "role", "disabled", "enabled", "password", "deleted");

    @Inject
    Users users;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;

    /** A user as the list shows it; {@code self}: the reader. */
    public record Row(AppUser user, boolean self) {
    }

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.ADMIN_NAME, "/?", (request, response, parts) -> show(request, response, 200, List.of(), Map.of()))
                .post(Role.ADMIN_NAME, "/?", (request, response, parts) -> create(request, response))
                .post(Role.ADMIN_NAME, NAME + "/(role|disable|enable|password|delete)",
                        (request, response, parts) -> change(request, response, parts.get(0), parts.get(1)));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, List<FieldError> problems,
                      Map<String, String> form) throws IOException {
        String reader = Callers.of(request).name();
        Map<String, Object> model = new HashMap<>();
        model.put("rows", users.all().stream().map(user -> new Row(user, user.getName().equals(reader))).toList());
        model.put("roles", Arrays.stream(Role.values()).map(Role::id).toList());
        model.put("problems", problems);
        model.put("newName", form.getOrDefault("name", ""));
        model.put("newRole", form.getOrDefault("role", Role.VIEWER.id()));
        String done = request.getParameter("done");
        model.put("done", done != null && DONE.contains(done) ? done : "");
        model.put("doneKey", "users.done." + model.get("done"));
        model.put("doneUser", request.getParameter("user") == null ? "" : request.getParameter("user"));
        model.put("minPassword", Users.MIN_PASSWORD_LENGTH);
        response.setStatus(status);
        pages.render(request, response, "users", model);
    }

    private void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        String role = request.getParameter("role");
        try {
            users.create(Callers.of(request), name, request.getParameter("password"), role, mustChange(request));
        } catch (RuntimeException refused) {
            Map<String, String> form = new HashMap<>();
            form.put("name", name == null ? "" : name);
            form.put("role", role == null ? "" : role);
            refused(request, response, refused, form);
            return;
        }
        done(request, response, "created", name);
    }

    private void change(HttpServletRequest request, HttpServletResponse response, String name, String action) throws IOException {
        Identity reader = Callers.of(request);
        AppUser changed;
        try {
            changed = switch (action) {
                case "role" -> users.update(Callers.of(request), name, null, request.getParameter("role"), null, null);
                case "disable" -> users.update(Callers.of(request), name, null, null, true, null);
                case "enable" -> users.update(Callers.of(request), name, null, null, false, null);
                case "password" -> users.update(Callers.of(request), name, request.getParameter("password"), null, null,
                        mustChange(request));
                default -> {
                    users.delete(Callers.of(request), name);
                    yield null;
                }
            };
        } catch (RuntimeException refused) {
            refused(request, response, refused, Map.of());
            return;
        }
        if (changed != null && name.equals(reader.name()) && reader.kind() == Identity.Kind.USER && !changed.isDisabled()
                && Boolean.TRUE.equals(request.getAttribute("signedInBySession"))) {
            DashboardSessions.signIn(request, Identity.user(changed.getName(), changed.getRole()), changed.getSessionEpoch(),
                    time.instant(), settings.sessionIdle());
            if (changed.getRole() != Role.ADMIN) {
                response.sendRedirect(request.getContextPath() + "/");
                return;
            }
        }
        done(request, response, action.equals("disable") ? "disabled" : action.equals("enable") ? "enabled"
                : action.equals("delete") ? "deleted" : action, name);
    }

    /** The box "must change it at the next sign-in" of the forms that set a password. */
    private static boolean mustChange(HttpServletRequest request) {
        return request.getParameter("must_change") != null;
    }

    /** The list again with what was refused (400, or 409 for the last admin); a missing user gets the 404 page. */
    private void refused(HttpServletRequest request, HttpServletResponse response, RuntimeException refused,
                         Map<String, String> form) throws IOException {
        Throwable cause = refused;
        while (cause.getCause() != null && !(cause instanceof ValidationException || cause instanceof ConflictException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ValidationException invalid) {
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, invalid.errors(), form);
        } else if (cause instanceof ConflictException conflict) {
            show(request, response, HttpServletResponse.SC_CONFLICT, List.of(new FieldError("name", conflict.getMessage())), form);
        } else {
            pages.failure(request, response, refused);
        }
    }

    private static void done(HttpServletRequest request, HttpServletResponse response, String what, String name) throws IOException {
        response.sendRedirect(request.getContextPath() + "/users?done=" + what + "&user="
                + URLEncoder.encode(name == null ? "" : name, StandardCharsets.UTF_8));
    }
}
