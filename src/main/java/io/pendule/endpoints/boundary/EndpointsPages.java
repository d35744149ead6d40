package io.pendule.endpoints.boundary;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.endpoints.entity.EndpointDraft;
import io.pendule.endpoints.entity.EndpointKind;
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

/**
 * /endpoints: the endpoints packs run against, a form to create one or edit one (its credentials field takes a secret
 * reference, and a refused form keeps what was typed but never a value in the url), a delete button with "and its
 * activations" (docs/packs-matrix.md). Viewers see, operators change.
 */
@WebServlet({"/endpoints", "/endpoints/*"})
public class EndpointsPages extends RoutedPages {

    @Inject
    Endpoints endpoints;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> show(request, response, 200, List.of(), blank(), false))
                .post(Role.OPERATOR_NAME, "/?", (request, response, parts) -> save(request, response, null))
                .get(Role.OPERATOR_NAME, "/([a-z0-9_-]{1,128})", (request, response, parts) -> edit(request, response, parts.get(0)))
                .post(Role.OPERATOR_NAME, "/([a-z0-9_-]{1,128})", (request, response, parts) -> save(request, response, parts.get(0)))
                .post(Role.OPERATOR_NAME, "/([a-z0-9_-]{1,128})/delete", (request, response, parts) -> delete(request, response, parts.get(0)));
    }

    private static EndpointDraft blank() {
        return new EndpointDraft("", "", "postgresql", "", "");
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, List<FieldError> problems,
                      EndpointDraft form, boolean editing) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("rows", endpoints.all().stream().map(EndpointJson::of).toList());
        model.put("problems", problems);
        model.put("form", form);
        model.put("editing", editing);
        model.put("kinds", EndpointKind.KNOWN);
        model.put("saved", parameter(request, "saved"));
        model.put("deleted", parameter(request, "deleted"));
        response.setStatus(status);
        pages.render(request, response, "endpoints", model);
    }

    private void edit(HttpServletRequest request, HttpServletResponse response, String slug) throws IOException {
        EndpointJson endpoint = endpoints.find(slug).map(EndpointJson::of)
                .orElseThrow(() -> new NotFoundException("Endpoint not found: " + slug));
        show(request, response, 200, List.of(), new EndpointDraft(endpoint.slug(), endpoint.name(), endpoint.kind(),
                endpoint.url(), endpoint.credentials() == null ? "" : endpoint.credentials()), true);
    }

    private void save(HttpServletRequest request, HttpServletResponse response, String slug) throws IOException {
        EndpointDraft draft = new EndpointDraft(slug == null ? parameter(request, "slug").strip() : slug,
                parameter(request, "name"), parameter(request, "kind"), parameter(request, "url"), parameter(request, "credentials"));
        try {
            if (slug == null) {
                endpoints.create(Callers.of(request), draft);
            } else {
                endpoints.put(Callers.of(request), slug, draft);
            }
        } catch (RuntimeException refused) {
            List<FieldError> problems = problems(refused);
            if (problems == null) {
                pages.failure(request, response, refused);
                return;
            }
            boolean urlRefused = problems.stream().anyMatch(problem -> problem.field().equals("url"));
            EndpointDraft kept = urlRefused ? new EndpointDraft(draft.slug(), draft.name(), draft.kind(), "", draft.credentials()) : draft;
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, problems, kept, slug != null);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/endpoints?saved=" + URLEncoder.encode(draft.slug(), StandardCharsets.UTF_8));
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, String slug) throws IOException {
        endpoints.delete(Callers.of(request), slug, "true".equals(request.getParameter("cascade")));
        response.sendRedirect(request.getContextPath() + "/endpoints?deleted=" + URLEncoder.encode(slug, StandardCharsets.UTF_8));
    }

    /** The problems a refused save shows on the form (a conflict on the slug too); null for any other failure. */
    private static List<FieldError> problems(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValidationException invalid) {
                return invalid.errors();
            }
            if (cause instanceof ConflictException conflict) {
                return List.of(new FieldError("slug", conflict.getMessage()));
            }
        }
        return null;
    }
}
