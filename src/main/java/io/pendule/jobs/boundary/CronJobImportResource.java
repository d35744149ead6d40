package io.pendule.jobs.boundary;

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
 * POST /v1/import/cronjob: Kubernetes CronJob manifests (YAML, one or several documents) as shell jobs. An operator may
 * preview (?dry_run=true); creating shell jobs is an admin's (security.control.Authorizer, through JobService).
 */
@Path("import/cronjob")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CronJobImportResource {

    @Context
    HttpServletRequest request;
    @Inject
    JobImporter importer;

    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Operation(summary = "Import Kubernetes CronJobs (YAML, batch/v1) as shell jobs: 201 with the jobs created and the "
            + "warnings about what does not map, all or none; ?dry_run=true answers them (200) and changes nothing")
    public Response importCronJobs(byte[] body, @QueryParam("dry_run") String dryRun) {
        boolean preview = ImportBodies.dryRun(dryRun);
        ImportPlan plan = importer.cronJobs(ImportBodies.text(body));
        return ImportJson.answer(plan, preview, importer, Callers.of(request));
    }
}
