package io.pendule.clock.boundary;

import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.clock.control.Clock;
import io.pendule.clock.control.SchedulerSwitch;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/**
 * /v1/scheduler: pause and resume the scheduler of the whole cluster (Kubernetes' suspend, for every job at once).
 * Not Dkron's /v1/pause, which stops job submissions and lets the jobs run.
 */
@Path("scheduler")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SchedulerResource {

    @Context
    HttpServletRequest request;
    @Inject
    SchedulerSwitch scheduler;
    @Inject
    Clock clock;

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Operation(summary = "Whether the cluster's scheduler is paused: {\"paused\": true|false}")
    public Map<String, Boolean> status() {
        return Map.of("paused", scheduler.paused());
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("pause")
    @Operation(summary = "Pause the scheduler of the whole cluster: no job fires and no queued run starts until resumed; "
            + "runs already started go on")
    public Map<String, Boolean> pause() {
        return Map.of("paused", scheduler.pause(true, Callers.of(request)));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("resume")
    @Operation(summary = "Resume the scheduler: each job's misfire_policy deals with the fires missed while paused")
    public Map<String, Boolean> resume() {
        boolean paused = scheduler.pause(false, Callers.of(request));
        clock.wakeUp();
        return Map.of("paused", paused);
    }
}
