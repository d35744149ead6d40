package io.pendule.jobs.boundary;

import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.jobs.control.Submissions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Dkron's /v1/pause and /v1/unpause of job submissions, held by the whole cluster rather than by one node. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PauseResource {

    @Context
    HttpServletRequest request;
    @Inject
    Submissions submissions;

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Path("pause")
    public Map<String, Boolean> status() {
        return Map.of("paused", submissions.paused());
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("pause")
    public Map<String, Boolean> pause() {
        return Map.of("paused", submissions.pause(true, Callers.of(request)));
    }

    @RolesAllowed(Role.ADMIN_NAME)
    @POST
    @Path("unpause")
    public Map<String, Boolean> unpause() {
        return Map.of("paused", submissions.pause(false, Callers.of(request)));
    }
}
