package io.pendule.executions.boundary;

import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.executions.control.ExecutionHistory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Dkron's /v1/busy: the executions running now on every node, oldest first, read from the database. */
@Path("busy")
@Produces(MediaType.APPLICATION_JSON)
public class BusyResource {

    @Inject
    ExecutionHistory history;

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    public Response busy() {
        List<ExecutionJson> running = history.running().stream().map(ExecutionJson::of).toList();
        return Response.ok(running).header("X-Total-Count", running.size()).build();
    }
}
