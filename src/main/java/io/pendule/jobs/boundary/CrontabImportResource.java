package io.pendule.jobs.boundary;

import io.pendule.api.entity.ValidationException;
import io.pendule.jobs.control.CrontabMapper;
import io.pendule.jobs.control.JobImporter;
import io.pendule.jobs.entity.ImportPlan;
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

/**
 * POST /v1/import/crontab: a crontab (text/plain) as shell jobs, one a line; ?format=system for a crontab whose lines
 * name a user (found when they all name root). An operator may preview (?dry_run=true); creating shell jobs is an
 * admin's (security.control.Authorizer, through JobService).
 */
@Path("import/crontab")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CrontabImportResource {

    @Context
    HttpServletRequest request;
    @Inject
    JobImporter importer;

    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Operation(summary = "Import a crontab (text/plain) as shell jobs, one a line: 201 with the jobs created and the "
            + "warnings, all or none; ?dry_run=true answers them (200) and changes nothing; ?format=user|system")
    public Response importCrontab(byte[] body, @QueryParam("dry_run") String dryRun, @QueryParam("format") String format) {
        boolean preview = ImportBodies.dryRun(dryRun);
        ImportPlan plan = importer.crontab(ImportBodies.text(body), format(format));
        return ImportJson.answer(plan, preview, importer, Callers.of(request));
    }

    static CrontabMapper.Format format(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        return CrontabMapper.Format.ofCode(code).orElseThrow(() -> new ValidationException("Invalid import", "format",
                "must be user (a user's crontab) or system (its lines name a user)"));
    }
}
