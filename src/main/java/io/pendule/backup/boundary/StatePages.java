package io.pendule.backup.boundary;

import io.pendule.api.entity.ValidationException;
import io.pendule.backup.entity.ImportMode;
import io.pendule.backup.entity.StateDiff;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.platform.Json;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pendule.dashboard.boundary.PageParameters.invalid;
import static io.pendule.dashboard.boundary.PageParameters.parameter;

/**
 * /state, an admin's: the whole state's export to download (a form's POST, with its token: the file holds the hashes, and
 * each export is audited), and an upload form to import one (multipart, its form
 * token a hidden field like every form's), a dry run by default that shows what would be added, changed and removed;
 * the same import as POST /v1/import, all or nothing.
 */
@WebServlet({"/state", "/state/*"})
@MultipartConfig(fileSizeThreshold = 1 << 20, maxRequestSize = StatePages.MOST_UPLOAD_BYTES)
public class StatePages extends RoutedPages {

    /** As POST /v1/import's body limit (api.boundary.BodyLimit). */
    static final long MOST_UPLOAD_BYTES = 256L << 20;
    private static final String REFUSED = "Import refused, nothing was changed";

    @Inject
    StateDocuments documents;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.ADMIN_NAME, "/?", (request, response, parts) -> show(request, response, 200, Map.of()))
                .post(Role.ADMIN_NAME, "/export", (request, response, parts) -> download(request, response))
                .post(Role.ADMIN_NAME, "/import", (request, response, parts) -> upload(request, response));
    }

    /** A kind that an import changes: its keys added, changed, removed. */
    public record Change(String kind, List<String> added, List<String> changed, List<String> removed) {
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, Map<String, Object> outcome)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("problems", List.of());
        model.put("changes", List.of());
        model.put("shown", false);
        model.put("dryRun", true);
        model.put("mode", ImportMode.MERGE.code());
        model.putAll(outcome);
        response.setStatus(status);
        pages.render(request, response, "state", model);
    }

    private void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] document = Json.write(documents.export(Callers.of(request))).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setHeader("Content-Disposition", "attachment; filename=\"pendule-export.json\"");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    private void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean dryRun = !"false".equals(parameter(request, "dry_run"));
        String modeCode = parameter(request, "mode");
        Map<String, Object> outcome = new HashMap<>();
        outcome.put("dryRun", dryRun);
        outcome.put("mode", modeCode);
        try {
            ImportMode mode = modeCode.isEmpty() ? ImportMode.MERGE : ImportMode.ofCode(modeCode)
                    .orElseThrow(() -> new ValidationException(REFUSED, "mode", "merge or replace"));
            StateDiff diff = documents.importState(Callers.of(request), body(request), mode, dryRun);
            outcome.put("changes", diff.kinds().entrySet().stream().filter(kind -> !kind.getValue().isEmpty())
                    .map(kind -> new Change(kind.getKey(), kind.getValue().added(), kind.getValue().changed(),
                            kind.getValue().removed())).toList());
            outcome.put("shown", true);
        } catch (RuntimeException refused) {
            ValidationException invalid = invalid(refused);
            if (invalid == null) {
                pages.failure(request, response, refused);
                return;
            }
            outcome.put("problems", invalid.errors());
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, outcome);
            return;
        }
        show(request, response, 200, outcome);
    }

    private static String body(HttpServletRequest request) throws IOException {
        Part file;
        try {
            file = request.getPart("file");
        } catch (ServletException | IllegalStateException e) {
            throw new ValidationException(REFUSED, "file", "send the document as a multipart form (enctype"
                    + " multipart/form-data), at most " + MOST_UPLOAD_BYTES + " bytes");
        }
        if (file == null || file.getSize() == 0) {
            throw new ValidationException(REFUSED, "file", "choose a document that GET /v1/export gave");
        }
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
