package io.pendule.security.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pendule.dashboard.boundary.PageParameters.invalid;

/**
 * /tokens, "my tokens", every user's: their API tokens with their state and last use (an admin may list everyone's),
 * a form to make one (name, role up to theirs, lifetime; an admin may name another owner), whose text the answer
 * shows this once and never again, and a revoke button on each.
 */
@WebServlet({"/tokens", "/tokens/*"})
public class TokensPages extends RoutedPages {

    @Inject
    ApiTokens tokens;
    @Inject
    InstantSource time;

    /** A token as the list shows it: active, expired or revoked. */
    public record Row(ApiToken token, String state) {
    }

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> show(request, response, 200, null, List.of(), Map.of()))
                .post(Role.VIEWER_NAME, "/?", (request, response, parts) -> create(request, response))
                .post(Role.VIEWER_NAME, "/([^/]+)/revoke", (request, response, parts) -> revoke(request, response, parts.get(0)));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, ApiTokens.Created created,
                      List<FieldError> problems, Map<String, String> form) throws IOException {
        Identity reader = Callers.of(request);
        boolean everyone = reader.may(Role.ADMIN) && request.getParameter("all") != null;
        Instant now = time.instant();
        Map<String, Object> model = new HashMap<>();
        model.put("rows", tokens.of(reader, everyone).stream().map(token -> new Row(token, state(token, now))).toList());
        model.put("everyone", everyone);
        model.put("admin", reader.may(Role.ADMIN));
        model.put("roles", Arrays.stream(Role.values()).filter(reader::may).map(Role::id).toList());
        model.put("lifetimes", TokenExpiry.LIFETIMES.keySet());
        model.put("created", created);
        model.put("problems", problems);
        model.put("newName", form.getOrDefault("name", ""));
        model.put("newRole", form.getOrDefault("role", ""));
        model.put("newExpires", form.getOrDefault("expires", "30d"));
        model.put("newOwner", form.getOrDefault("owner", ""));
        model.put("revoked", request.getParameter("revoked") == null ? "" : request.getParameter("revoked"));
        response.setStatus(status);
        pages.render(request, response, "tokens", model);
    }

    /** Makes the token and shows its text in this answer only: never in an address, a redirect or the session. */
    private void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String field : List.of("name", "role", "expires", "owner")) {
            form.put(field, request.getParameter(field) == null ? "" : request.getParameter(field));
        }
        ApiTokens.Created created;
        try {
            created = tokens.create(Callers.of(request), form.get("owner").isBlank() ? null : form.get("owner").trim(),
                    form.get("name"), form.get("role").isEmpty() ? null : form.get("role"),
                    TokenExpiry.after(form.get("expires"), time.instant()));
        } catch (RuntimeException refused) {
            ValidationException invalid = invalid(refused);
            if (invalid == null) {
                pages.failure(request, response, refused);
                return;
            }
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, null, invalid.errors(), form);
            return;
        }
        show(request, response, HttpServletResponse.SC_OK, created, List.of(), Map.of());
    }

    private void revoke(HttpServletRequest request, HttpServletResponse response, String id) throws IOException {
        tokens.revoke(Callers.of(request), id);
        response.sendRedirect(request.getContextPath() + "/tokens?revoked=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + (request.getParameter("all") != null ? "&all" : ""));
    }

    static String state(ApiToken token, Instant now) {
        if (token.getRevokedAt() != null) {
            return "revoked";
        }
        return token.validAt(now) ? "active" : "expired";
    }
}
