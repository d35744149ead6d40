package io.pendule.executions.boundary;

import io.pendule.executions.control.ExecutionHistory;
import io.pendule.jobs.control.JobService;
import io.pendule.platform.NotFoundException;
import io.pendule.platform.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Dkron's /v1/jobs/{job}/executions: a job's executions, newest first, paged by the database. */
@Path("jobs/{job}/executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    @Inject
    JobService jobs;
    @Inject
    ExecutionHistory history;

    @GET
    public Response list(@PathParam("job") String job,
                         @QueryParam("_start") @DefaultValue("0") String start,
                         @QueryParam("_end") String end) {
        jobs.get(job);
        int first = nonNegative("_start", start);
        int last = end == null ? first + DEFAULT_PAGE : nonNegative("_end", end);
        if (last < first) {
            throw new ValidationException("Bad paging", "_end", "must not be less than _start");
        }
        List<ExecutionJson> page = history.ofJob(job, first, Math.min(last - first, MAX_PAGE)).stream()
                .map(ExecutionJson::of).toList();
        return Response.ok(page).header("X-Total-Count", history.countOfJob(job)).build();
    }

    @GET
    @Path("{id}")
    public ExecutionJson one(@PathParam("job") String job, @PathParam("id") String id) {
        return history.byId(numberOf(id))
                .filter(e -> e.getJobName().equals(job))
                .map(ExecutionJson::of)
                .orElseThrow(() -> new NotFoundException("execution not found: " + id));
    }

    private static long numberOf(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("execution not found: " + id);
        }
    }

    private static int nonNegative(String field, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException("Bad paging", field, "must be a whole number, 0 or more");
    }
}
