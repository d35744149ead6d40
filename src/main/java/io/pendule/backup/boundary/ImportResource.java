package io.pendule.backup.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.backup.entity.ImportMode;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * POST /v1/import, an admin's: a document GET /v1/export gave, imported all or nothing in one transaction;
 * {@code ?dry_run=true} answers what it would add, change and remove without changing anything; {@code ?mode=merge}
 * (the default) adds and changes, {@code ?mode=replace} also removes what the document lacks (never the caller).
 */
@Path("import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
@RolesAllowed(Role.ADMIN_NAME)
public class ImportResource {

    @Context
    HttpServletRequest request;
    @Inject
    StateDocuments documents;

    @POST
    @Operation(summary = "Import a document of GET /v1/export, all or nothing: ?mode=merge (default) or replace,"
            + " ?dry_run=true answers the changes (added, changed, removed by kind and key) and changes nothing")
    public Response importState(String body, @QueryParam("mode") String mode, @QueryParam("dry_run") String dryRun) {
        List<FieldError> errors = new ArrayList<>();
        ImportMode parsedMode = mode == null ? ImportMode.MERGE : ImportMode.ofCode(mode).orElse(null);
        if (parsedMode == null) {
            errors.add(new FieldError("mode", "merge or replace"));
        }
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            errors.add(new FieldError("dry_run", "true or false"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Import refused, nothing was changed", errors);
        }
        boolean dry = "true".equals(dryRun);
        return Response.ok(StateDocuments.json(documents.importState(Callers.of(request), body, parsedMode, dry), parsedMode, dry))
                .build();
    }
}
