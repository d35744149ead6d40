package io.pendule.packs.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.packs.control.PackLayout;
import io.pendule.packs.control.PackRegistry;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackVersion;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.pendule.dashboard.boundary.PageParameters.parameter;
import static io.pendule.dashboard.boundary.PageParameters.invalid;

/**
 * /packs, the pack registry's pages: the packs and their versions, a version's files, properties and Readme (shown as
 * text, never as HTML), its Kibana export to download; an admin's upload form (multipart, its form token a hidden
 * field like every form's: the container reads the fields of this servlet's multipart forms as parameters) and delete
 * with a confirmation page.
 */
@WebServlet({"/packs", "/packs/*"})
@MultipartConfig(fileSizeThreshold = 1 << 20, maxRequestSize = PacksPages.MOST_UPLOAD_BYTES)
public class PacksPages extends RoutedPages {

    /** The container's own bound on an upload, above any sensible PENDULE_PACK_MAX_BYTES (checked first). */
    static final long MOST_UPLOAD_BYTES = 1L << 30;
    private static final String VERSION = "/([^/]+)/([^/]+)";

    @Inject
    PackRegistry registry;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> list(request, response, 200, List.of()))
                .post(Role.ADMIN_NAME, "/?", (request, response, parts) -> upload(request, response))
                .get(Role.VIEWER_NAME, VERSION, (request, response, parts) -> version(request, response, parts.get(0), parts.get(1)))
                .get(Role.VIEWER_NAME, VERSION + "/kibana", (request, response, parts) -> kibana(response, parts.get(0), parts.get(1)))
                .get(Role.ADMIN_NAME, VERSION + "/delete", (request, response, parts) -> confirm(request, response, parts.get(0), parts.get(1)))
                .post(Role.ADMIN_NAME, VERSION + "/delete", (request, response, parts) -> delete(request, response, parts.get(0), parts.get(1)));
    }

    /** A pack in the list: its name, type, latest version (with its description) and every version. */
    public record Row(String name, String type, String latest, String description, List<String> versions) {
    }

    private void list(HttpServletRequest request, HttpServletResponse response, int status, List<FieldError> problems)
            throws IOException {
        Map<String, List<PackVersion>> byName = new LinkedHashMap<>();
        registry.all().forEach(pack -> byName.computeIfAbsent(pack.name(), name -> new ArrayList<>()).add(pack));
        List<Row> rows = byName.keySet().stream().map(registry::versions).map(versions -> new Row(versions.get(0).name(),
                versions.get(0).type().code(), versions.get(0).version(), versions.get(0).description(),
                versions.stream().map(PackVersion::version).toList())).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("problems", problems);
        model.put("admin", request.isUserInRole(Role.ADMIN_NAME));
        model.put("imported", parameter(request, "imported"));
        model.put("deleted", parameter(request, "deleted"));
        response.setStatus(status);
        pages.render(request, response, "packs", model);
    }

    private void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PackRegistry.Imported imported;
        try {
            Part file = part(request, "file");
            if (file == null || file.getSize() == 0) {
                throw new ValidationException("Pack refused, nothing was stored", "file", "choose the pack's .zip or .tar.gz");
            }
            long most = registry.limits().maxBytes();
            if (file.getSize() > most) {
                throw new ValidationException("Pack refused, nothing was stored", "file",
                        "is larger than " + most + " bytes (PENDULE_PACK_MAX_BYTES)");
            }
            byte[] archive;
            try (InputStream in = file.getInputStream()) {
                archive = in.readNBytes((int) most);
            }
            Optional<String> type = Optional.ofNullable(request.getParameter("type")).map(String::trim).filter(t -> !t.isEmpty());
            imported = registry.importArchive(Callers.of(request), archive, type);
        } catch (RuntimeException refused) {
            ValidationException invalid = invalid(refused);
            if (invalid == null) {
                pages.failure(request, response, refused);
                return;
            }
            list(request, response, HttpServletResponse.SC_BAD_REQUEST, invalid.errors());
            return;
        }
        PackVersion pack = imported.pack();
        response.sendRedirect(request.getContextPath() + "/packs/" + encode(pack.name()) + "/" + encode(pack.version())
                + "?imported=" + (imported.created() ? "new" : "same"));
    }

    private void version(HttpServletRequest request, HttpServletResponse response, String name, String version)
            throws IOException {
        PackVersion pack = found(name, version);
        PackContent content = registry.content(pack);
        Map<String, Object> model = new HashMap<>();
        model.put("pack", pack);
        model.put("latest", registry.find(name, null).map(newest -> newest.version().equals(version)).orElse(false));
        model.put("versions", registry.versions(name).stream().map(PackVersion::version).toList());
        model.put("properties", pretty(PackLayout.propertiesMap(content)));
        model.put("readme", PackLayout.readme(content).orElse(""));
        model.put("kibana", content.file(PackLayout.KIBANA).isPresent());
        model.put("usedBy", registry.usedBy(pack));
        model.put("admin", request.isUserInRole(Role.ADMIN_NAME));
        model.put("imported", parameter(request, "imported"));
        pages.render(request, response, "pack", model);
    }

    private void kibana(HttpServletResponse response, String name, String version) throws IOException {
        PackVersion pack = found(name, version);
        byte[] export = registry.content(pack).file(PackLayout.KIBANA)
                .orElseThrow(() -> new NotFoundException("Pack " + name + " " + version + " has no " + PackLayout.KIBANA));
        response.setContentType(PacksResource.NDJSON);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "-" + version + "-export.ndjson\"");
        response.setContentLength(export.length);
        response.getOutputStream().write(export);
    }

    private void confirm(HttpServletRequest request, HttpServletResponse response, String name, String version)
            throws IOException {
        PackVersion pack = found(name, version);
        Map<String, Object> model = new HashMap<>();
        model.put("pack", pack);
        model.put("usedBy", registry.usedBy(pack));
        pages.render(request, response, "pack-delete", model);
    }

    private void delete(HttpServletRequest request, HttpServletResponse response, String name, String version)
            throws IOException {
        if (!"yes".equals(request.getParameter("confirm"))) {
            throw new ValidationException("Pack not deleted", "confirm", "confirm the deletion on its page");
        }
        registry.delete(Callers.of(request), name, version);
        response.sendRedirect(request.getContextPath() + "/packs?deleted=" + encode(name + " " + version));
    }

    private PackVersion found(String name, String version) {
        return registry.find(name, version).orElseThrow(() -> new NotFoundException("Pack not found: " + name + " " + version));
    }

    private static Part part(HttpServletRequest request, String name) throws IOException {
        try {
            return request.getPart(name);
        } catch (ServletException | IllegalStateException e) {
            throw new ValidationException("Pack refused, nothing was stored", "file", "send the pack as a multipart form"
                    + " (enctype multipart/form-data), at most " + MOST_UPLOAD_BYTES + " bytes");
        }
    }

    private static String pretty(Map<String, Object> properties) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(properties);
        } catch (IOException e) {
            return Json.write(properties);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
