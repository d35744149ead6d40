package io.pendule.packs.boundary;

import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.PayloadTooLargeException;
import io.pendule.api.entity.ValidationException;
import io.pendule.packs.control.PackLayout;
import io.pendule.packs.control.PackRegistry;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackVersion;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /v1/packs, the pack registry (docs/packs.md): importing and deleting are an admin's (a pack runs code on Pendule's
 * hosts), reading a viewer's. An import is a multipart upload (field {@code file}: a .zip or .tar.gz; optional field
 * {@code type}) or a JSON {@code {"folder", "type"}} naming a folder inside PENDULE_PACKS_DIR.
 */
@Path("packs")
@Produces(MediaType.APPLICATION_JSON)
public class PacksResource {

    static final String NDJSON = "application/x-ndjson";

    @Context
    HttpServletRequest request;
    @Inject
    PackRegistry registry;

    public record FolderImport(String folder, String type) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Import a pack from an archive: multipart field file (.zip or .tar.gz), optional field type"
            + " (metric or rule, else properties.json's type); 201 new, 200 the same content again, 409 other content")
    public Response upload(List<EntityPart> parts) {
        EntityPart file = part(parts, "file").orElseThrow(() -> new ValidationException("Pack refused, nothing was stored",
                "file", "a multipart field named file holding the pack's .zip or .tar.gz is required"));
        Optional<String> type = part(parts, "type").map(part -> text(part, 64)).map(String::trim).filter(t -> !t.isEmpty());
        return answer(registry.importArchive(Callers.of(request), bytes(file, registry.limits().maxBytes()), type));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Import a pack from the server: {\"folder\": a folder, .zip or .tar.gz inside PENDULE_PACKS_DIR,"
            + " \"type\": optional}")
    public Response fromFolder(String body) {
        FolderImport asked = StrictJson.read(body, FolderImport.class, "Pack import");
        if (asked.folder() == null || asked.folder().isBlank()) {
            throw new ValidationException("Pack import validation failed", "folder", "required: a folder inside PENDULE_PACKS_DIR");
        }
        Optional<String> type = Optional.ofNullable(asked.type()).map(String::trim).filter(t -> !t.isEmpty());
        return answer(registry.importFolder(Callers.of(request), asked.folder(), type));
    }

    private Response answer(PackRegistry.Imported imported) {
        PackVersion pack = imported.pack();
        PackVersionJson json = detail(pack);
        if (!imported.created()) {
            return Response.ok(json).build();
        }
        return Response.created(URI.create("packs/" + pack.name() + "/" + pack.version())).entity(json).build();
    }

    @GET
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "Every pack: its name, type, latest version and versions (the latest first)")
    public Response list() {
        Map<String, List<PackVersion>> byName = new LinkedHashMap<>();
        registry.all().forEach(pack -> byName.computeIfAbsent(pack.name(), name -> new ArrayList<>()).add(pack));
        List<PackJson> packs = byName.keySet().stream().map(this::summary).toList();
        return Response.ok(packs).header("X-Total-Count", packs.size()).build();
    }

    private PackJson summary(String name) {
        List<PackVersion> versions = registry.versions(name);
        return new PackJson(name, versions.get(0).type().code(), versions.get(0).version(),
                versions.stream().map(PackVersion::version).toList());
    }

    public record PackVersionsJson(String name, String type, String latest, List<PackVersionJson> versions) {
    }

    @GET
    @Path("{name}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "A pack's versions, the latest first")
    public PackVersionsJson pack(@PathParam("name") String name) {
        List<PackVersion> versions = registry.versions(name);
        if (versions.isEmpty()) {
            throw new NotFoundException("Pack not found: " + name);
        }
        String latest = versions.get(0).version();
        return new PackVersionsJson(name, versions.get(0).type().code(), latest, versions.stream()
                .map(pack -> PackVersionJson.of(pack, pack.version().equals(latest))).toList());
    }

    @GET
    @Path("{name}/{version}")
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "One pack version: properties.json, its files with their sizes, sha256, who imported it when,"
            + " its Readme's text")
    public PackVersionJson version(@PathParam("name") String name, @PathParam("version") String version) {
        return detail(found(name, version));
    }

    @GET
    @Path("{name}/{version}/kibana")
    @Produces({NDJSON, MediaType.APPLICATION_JSON}) // JSON: its errors, and a caller asking JSON is judged, not refused 406
    @RolesAllowed(Role.VIEWER_NAME)
    @Operation(summary = "The pack's Kibana dashboards (kibana-dashboard/export.ndjson); 404 when it has none")
    public Response kibana(@PathParam("name") String name, @PathParam("version") String version) {
        PackVersion pack = found(name, version);
        byte[] export = registry.content(pack).file(PackLayout.KIBANA)
                .orElseThrow(() -> new NotFoundException("Pack " + name + " " + version + " has no " + PackLayout.KIBANA));
        return Response.ok(export, NDJSON).header("Content-Disposition",
                "attachment; filename=\"" + name + "-" + version + "-export.ndjson\"").build();
    }

    @GET
    @Path("{name}/{version}/archive")
    @Produces({"application/zip", MediaType.APPLICATION_JSON}) // JSON: its errors, and a caller asking JSON is judged, not refused 406
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "The stored (normalized) archive of a pack version, a zip whose sha256 is the version's")
    public Response archive(@PathParam("name") String name, @PathParam("version") String version) {
        PackVersion pack = found(name, version);
        return Response.ok(registry.archive(pack), "application/zip").header("Content-Disposition",
                "attachment; filename=\"" + name + "-" + version + ".zip\"").build();
    }

    @DELETE
    @Path("{name}/{version}")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Delete a pack version; 409 while a job runs it")
    public Response delete(@PathParam("name") String name, @PathParam("version") String version) {
        registry.delete(Callers.of(request), name, version);
        return Response.noContent().build();
    }

    private PackVersion found(String name, String version) {
        return registry.find(name, version)
                .orElseThrow(() -> new NotFoundException("Pack not found: " + name + " " + version));
    }

    private PackVersionJson detail(PackVersion pack) {
        boolean latest = registry.find(pack.name(), null).map(newest -> newest.version().equals(pack.version())).orElse(false);
        PackContent content = registry.content(pack);
        return PackVersionJson.of(pack, latest).withContent(PackLayout.propertiesMap(content),
                PackLayout.readme(content).orElse(null), content.file(PackLayout.KIBANA).isPresent());
    }

    private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts.stream().filter(part -> name.equals(part.getName())).findFirst();
    }

    private static String text(EntityPart part, int most) {
        return new String(bytes(part, most), StandardCharsets.UTF_8);
    }

    /** The part's bytes, at most {@code most}: more is refused (413) without reading further. */
    private static byte[] bytes(EntityPart part, long most) {
        try (InputStream in = part.getContent()) {
            byte[] bytes = in.readNBytes((int) Math.min(most + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > most) {
                throw new PayloadTooLargeException(part.getName() + " is larger than " + most + " bytes"
                        + (part.getName().equals("file") ? " (PENDULE_PACK_MAX_BYTES)" : ""));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
