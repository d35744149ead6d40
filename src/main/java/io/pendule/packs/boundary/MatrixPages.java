package io.pendule.packs.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.endpoints.entity.Endpoint;
import io.pendule.endpoints.entity.EndpointSlug;
import io.pendule.packs.control.Activations;
import io.pendule.packs.control.MatrixPacks;
import io.pendule.packs.control.PackConfigs;
import io.pendule.packs.control.PackRuns;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.MatrixNames;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.pendule.dashboard.boundary.PageParameters.parameter;
import static io.pendule.dashboard.boundary.PageParameters.invalid;

/**
 * /packs/matrix: the activation matrix (docs/packs-matrix.md), endpoints as rows and packs as columns, metric packs
 * then rule packs. Each cell's checkbox is a form of its own: htmx posts it on change and swaps the cell in place;
 * without scripts its button posts it and the page comes back. Beside each cell, the editor of the pack's
 * configuration on that endpoint (/packs/matrix/config), and the state of the pack's last run there (its colour);
 * operators run a cell, a row or a column again (/packs/matrix/run). Viewers see, operators change.
 */
@WebServlet({"/packs/matrix", "/packs/matrix/*"})
public class MatrixPages extends RoutedPages {

    @Inject
    Endpoints endpoints;
    @Inject
    Activations activations;
    @Inject
    PackConfigs configs;
    @Inject
    PackRuns runs;
    @Inject
    InstantSource time;
    @Inject
    @Any
    Instance<MatrixPacks> packSources;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> show(request, response))
                .post(Role.OPERATOR_NAME, "/cell", (request, response, parts) -> toggle(request, response))
                .post(Role.OPERATOR_NAME, "/run", (request, response, parts) -> rerun(request, response))
                .get(Role.VIEWER_NAME, "/config", (request, response, parts) -> editor(request, response))
                .post(Role.OPERATOR_NAME, "/config", (request, response, parts) -> saveConfig(request, response))
                .post(Role.OPERATOR_NAME, "/config/delete", (request, response, parts) -> deleteConfig(request, response));
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Endpoint> rows = endpoints.all();
        Set<Activation> on = new HashSet<>(activations.all());
        PackRuns.Board board = runs.board();
        Instant now = time.instant();
        List<MatrixSection> sections = new ArrayList<>();
        for (PackType type : PackType.values()) {
            Set<String> packs = new TreeSet<>();
            packSources.forEach(source -> packs.addAll(source.packNames(type)));
            Set<String> configured = new HashSet<>();
            configs.all(type).stream().filter(row -> row.id().scope() == PackConfigScope.ENDPOINT)
                    .forEach(row -> configured.add(row.id().idConfig()));
            List<MatrixSection.Row> sectionRows = new ArrayList<>();
            for (Endpoint endpoint : rows) {
                List<MatrixCell> cells = packs.stream().map(pack -> MatrixCell.of(type.code(), pack, endpoint.slug(),
                        on.contains(new Activation(type, pack, endpoint.slug())), configured.contains(pack + ":" + endpoint.slug()),
                        board, now)).toList();
                sectionRows.add(new MatrixSection.Row(endpoint.slug(), endpoint.name(), endpoint.kind(), cells));
            }
            sections.add(new MatrixSection(type.code(), packs.stream().map(pack -> new MatrixSection.Column(pack,
                    !board.jobsOf(pack).isEmpty())).toList(), sectionRows));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("sections", sections);
        model.put("endpointCount", rows.size());
        model.put("saved", parameter(request, "saved"));
        model.put("queued", parameter(request, "queued"));
        model.put("withoutJob", parameter(request, "without"));
        pages.render(request, response, "matrix", model);
    }

    /** Sets one cell to its checkbox's state; htmx gets the cell back, a plain form the page (at the cell). */
    private void toggle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PackType type = type(request);
        String pack = parameter(request, "pack");
        String slug = parameter(request, "slug");
        boolean active = "on".equals(request.getParameter("active"));
        if (active) {
            activations.activate(Callers.of(request), type, pack, slug);
        } else {
            activations.deactivate(Callers.of(request), type, pack, slug);
        }
        MatrixCell cell = MatrixCell.of(type.code(), pack, slug, active,
                configs.find(PackConfigId.ofEndpoint(type, pack, slug)).isPresent(), runs.board(), time.instant());
        if ("true".equals(request.getHeader("HX-Request"))) {
            pages.render(request, response, "matrix-cell", Map.of("c", cell));
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/packs/matrix?type=" + type.code() + "&pack="
                + URLEncoder.encode(pack, StandardCharsets.UTF_8) + "#" + cell.id());
    }

    /**
     * Runs again the pack jobs of the cells switched on that the form names: a cell (pack and slug), a column (pack) or
     * a row (slug), of one type; back to the matrix saying how many runs were queued and which packs no job runs.
     */
    private void rerun(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PackType type = type(request);
        String pack = optional(request, "pack");
        String slug = optional(request, "slug");
        if (pack == null && slug == null) {
            throw new ValidationException("Refused", "pack", "a pack (a column), an endpoint (slug: a row), or both (a cell)");
        }
        if (pack != null) {
            MatrixNames.packProblem(pack).ifPresent(problem -> {
                throw new ValidationException("Refused", "pack", problem);
            });
        }
        if (slug != null) {
            EndpointSlug.problem(slug).ifPresent(problem -> {
                throw new ValidationException("Refused", "slug", problem);
            });
        }
        PackRuns.Rerun rerun = runs.rerun(Callers.of(request), type, pack, slug);
        String anchor = pack != null && slug != null ? new MatrixCell(type.code(), pack, slug, false, false, false, null, null, null).id()
                : "matrix-" + type.code();
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/packs/matrix?queued=" + rerun.runs().size()
                + (rerun.packsWithoutJob().isEmpty() ? "" : "&without=" + URLEncoder.encode(String.join(", ", rerun.packsWithoutJob()),
                StandardCharsets.UTF_8)) + "#" + anchor);
    }

    private static String optional(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private void editor(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PackConfigId id = endpointConfig(request);
        endpoints.find(id.target()).orElseThrow(() -> new NotFoundException("Endpoint not found: " + id.target()));
        String json = configs.find(id).map(PackConfigs.Stored::json).orElse("");
        showEditor(request, response, 200, id, json, !json.isEmpty(), List.of());
    }

    private void showEditor(HttpServletRequest request, HttpServletResponse response, int status, PackConfigId id, String json,
                            boolean stored, List<FieldError> problems) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("type", id.type().code());
        model.put("pack", id.pack());
        model.put("slug", id.target());
        model.put("idConfig", id.idConfig());
        model.put("json", json);
        model.put("stored", stored);
        model.put("problems", problems);
        model.put("active", activations.active(id.type(), id.pack(), id.target()));
        response.setStatus(status);
        pages.render(request, response, "matrix-config", model);
    }

    private void saveConfig(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PackConfigId id = endpointConfig(request);
        String json = parameter(request, "json");
        try {
            configs.put(Callers.of(request), id, json);
        } catch (RuntimeException refused) {
            ValidationException invalid = invalid(refused);
            if (invalid == null) {
                pages.failure(request, response, refused);
                return;
            }
            showEditor(request, response, HttpServletResponse.SC_BAD_REQUEST, id, json,
                    configs.find(id).isPresent(), invalid.errors());
            return;
        }
        backToMatrix(request, response, id);
    }

    private void deleteConfig(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PackConfigId id = endpointConfig(request);
        configs.delete(Callers.of(request), id);
        backToMatrix(request, response, id);
    }

    private static void backToMatrix(HttpServletRequest request, HttpServletResponse response, PackConfigId id) throws IOException {
        MatrixCell cell = new MatrixCell(id.type().code(), id.pack(), id.target(), false, false, false, null, null, null);
        response.sendRedirect(request.getContextPath() + "/packs/matrix?saved=" + URLEncoder.encode(id.idConfig(), StandardCharsets.UTF_8)
                + "&type=" + id.type().code() + "&pack=" + URLEncoder.encode(id.pack(), StandardCharsets.UTF_8) + "#" + cell.id());
    }

    /** The configuration of a pack on an endpoint the request names: type, pack, slug, each checked. */
    private static PackConfigId endpointConfig(HttpServletRequest request) {
        PackType type = type(request);
        String pack = parameter(request, "pack");
        String slug = parameter(request, "slug");
        MatrixNames.packProblem(pack).ifPresent(problem -> {
            throw new ValidationException("Pack configuration refused", "pack", problem);
        });
        EndpointSlug.problem(slug).ifPresent(problem -> {
            throw new ValidationException("Pack configuration refused", "slug", problem);
        });
        return PackConfigId.ofEndpoint(type, pack, slug);
    }

    private static PackType type(HttpServletRequest request) {
        return PackType.ofCode(parameter(request, "type"))
                .orElseThrow(() -> new ValidationException("Refused", "type", "metric or rule"));
    }
}
