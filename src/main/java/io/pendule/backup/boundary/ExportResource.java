package io.pendule.backup.boundary;

import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * GET /v1/export, an admin's: the whole state as one versioned document (docs/operations.md): password and token
 * hashes, stored secrets still encrypted, never a secret in clear. POST /v1/import takes it back.
 */
@Path("export")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class ExportResource {

    @Context
    HttpServletRequest request;
    @Inject
    StateDocuments documents;

    @GET
    @Operation(summary = "The whole state as one document {version, exported_at, jobs, packs, endpoints, activations,"
            + " pack_configs, users, tokens, secrets, settings}: hashes and ciphertexts only, never a secret in clear")
    public Response export() {
        return Response.ok(documents.export(Callers.of(request)))
                .header("Content-Disposition", "attachment; filename=\"pendule-export.json\"").build();
    }
}
