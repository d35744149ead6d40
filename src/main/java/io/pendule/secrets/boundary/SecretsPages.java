package io.pendule.secrets.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.secrets.control.SecretStore;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pendule.dashboard.boundary.PageParameters.parameter;
import static io.pendule.dashboard.boundary.PageParameters.invalid;

/**
 * /secrets, an admin's: the store's secrets by name, a form to store or replace a value (a password field: the value
 * is written, never shown again, not even in a refused form) and a delete button on each.
 */
@WebServlet({"/secrets", "/secrets/*"})
public class SecretsPages extends RoutedPages {

    @Inject
    SecretStore store;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.ADMIN_NAME, "/?", (request, response, parts) -> show(request, response, 200, List.of(), ""))
                .post(Role.ADMIN_NAME, "/?", (request, response, parts) -> save(request, response))
                .post(Role.ADMIN_NAME, "/([^/]+)/delete", (request, response, parts) -> delete(request, response, parts.get(0)));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, List<FieldError> problems,
                      String name) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("rows", store.all().stream().map(SecretJson::of).toList());
        model.put("problems", problems);
        model.put("newName", name);
        model.put("saved", parameter(request, "saved"));
        model.put("deleted", parameter(request, "deleted"));
        response.setStatus(status);
        pages.render(request, response, "secrets", model);
    }

    private void save(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = parameter(request, "name").trim();
        try {
            store.put(Callers.of(request), name, request.getParameter("value"));
        } catch (RuntimeException refused) {
            ValidationException invalid = invalid(refused);
            if (invalid == null) {
                pages.failure(request, response, refused);
                return;
            }
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, invalid.errors(), name);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/secrets?saved=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        store.delete(Callers.of(request), name);
        response.sendRedirect(request.getContextPath() + "/secrets?deleted=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }
}
