package io.pendule.jobs.boundary;

import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Trigger;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** Dkron's /v1/jobs: create or replace, list, show, delete, run now. */
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    JobService jobs;
    @Inject
    ExecutionQueue queue;

    /** Dkron's clients (and curl -d) send JSON with any content type, so any is accepted. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response createOrReplace(String body, @Context UriInfo uri) {
        Job saved = jobs.save(JobJson.parse(body).toDefinition());
        return Response.created(uri.getAbsolutePathBuilder().path(saved.getName()).build())
                .entity(json(saved)).build();
    }

    @GET
    public List<JobJson> list() {
        return jobs.all().stream().map(this::json).toList();
    }

    @GET
    @Path("{name}")
    public JobJson show(@PathParam("name") String name) {
        return json(jobs.get(name));
    }

    @DELETE
    @Path("{name}")
    public JobJson delete(@PathParam("name") String name) {
        return json(jobs.delete(name));
    }

    /** Queues a run and answers at once (202); the run's execution is at the Location given. */
    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response run(@PathParam("name") String name, @Context UriInfo uri) {
        Job job = jobs.get(name);
        long execution = queue.queue(name, Trigger.API);
        return Response.accepted(json(job))
                .location(uri.getBaseUriBuilder().path("jobs").path(name).path("executions").path(Long.toString(execution)).build())
                .header("X-Execution-Id", execution)
                .build();
    }

    private JobJson json(Job job) {
        return JobJson.of(job, jobs.childrenOf(job.getName()));
    }
}
