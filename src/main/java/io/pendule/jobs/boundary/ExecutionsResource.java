package io.pendule.jobs.boundary;

import io.pendule.security.control.Callers;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.executions.boundary.DkronExecutionId;
import io.pendule.executions.boundary.ExecutionJson;
import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.entity.Execution;
import io.pendule.jobs.control.JobJson;
import io.pendule.jobs.control.JobService;
import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.control.Paging;
import io.pendule.api.entity.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Dkron's /v1/jobs/{job}/executions: a job's executions, newest first, sorted and paged by the database (Dkron
 * ignores _start and _end and keeps only 100); one execution by Dkron's id or Pendule's number; clearing them.
 */
@Path("jobs/{job}/executions")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionsResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    @Context
    HttpServletRequest request;
    @Inject
    JobService jobs;
    @Inject
    ExecutionHistory history;
    @Inject
    CancelRequests cancels;

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    public Response list(@PathParam("job") String job,
                         @QueryParam("_sort") String sort,
                         @QueryParam("_order") String order,
                         @QueryParam("_start") String start,
                         @QueryParam("_end") String end,
                         @QueryParam("output_size_limit") String outputSizeLimit) {
        jobs.get(job);
        List<FieldError> errors = new ArrayList<>();
        Integer first = Paging.whole("_start", start, errors);
        Integer last = Paging.whole("_end", end, errors);
        Integer limit = Paging.whole("output_size_limit", outputSizeLimit, errors);
        Paging.checkOrder(first, last, errors);
        boolean descending = Paging.descending(order, true, errors);
        ExecutionHistory.Sort by = null;
        try {
            by = ExecutionHistory.Sort.of(sort);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Bad query", errors);
        }
        int from = first == null ? 0 : first;
        int to = last == null ? from + DEFAULT_PAGE : last;
        List<ExecutionJson> page = history.ofJob(job, by, descending, from, Math.min(to - from, MAX_PAGE)).stream()
                .map(e -> ExecutionJson.of(e).tailedTo(limit)).toList();
        return Response.ok(page).header("X-Total-Count", history.countOfJob(job)).build();
    }

    /** Dkron's id ("1762855260100000000-node1") or Pendule's execution_id; always with the full output. */
    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Path("{id}")
    public ExecutionJson one(@PathParam("job") String job, @PathParam("id") String id) {
        return find(job, id).map(ExecutionJson::of)
                .orElseThrow(() -> new NotFoundException("execution not found: " + id));
    }

    /**
     * Cancels an execution: a queued one at once, a running one by its node within about a second (it is then recorded
     * cancelled); 202 with the execution as it stands, 409 if it had finished.
     */
    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel an execution: a queued one at once; a running one is stopped by its node within about "
            + "a second and recorded cancelled. 202 with the execution, 409 if it has finished")
    public Response cancel(@PathParam("job") String job, @PathParam("id") String id) {
        Execution execution = find(job, id).orElseThrow(() -> new NotFoundException("execution not found: " + id));
        CancelRequests.Answer answer = cancels.cancel(execution, Callers.of(request));
        Execution now = history.byId(execution.getId()).orElseThrow(() -> new NotFoundException("execution not found: " + id));
        if (answer == CancelRequests.Answer.ALREADY_FINISHED) {
            throw new ConflictException("execution " + id + " has already finished (" + now.status().code() + "): nothing to cancel");
        }
        return Response.accepted(ExecutionJson.of(now)).build();
    }

    /** Deletes the job's finished executions and resets its counters; answers the job. */
    @RolesAllowed(Role.OPERATOR_NAME)
    @DELETE
    public JobJson clear(@PathParam("job") String job) {
        Identity caller = Callers.of(request);
        return JobJson.of(jobs.clearHistory(job, caller), jobs.childrenOf(job)).shownTo(caller);
    }

    private Optional<Execution> find(String job, String id) {
        Optional<Execution> found = DkronExecutionId.parse(id)
                .map(dkronId -> history.byStart(job, dkronId.startedAt(), dkronId.node()))
                .orElseGet(() -> number(id).flatMap(history::byId));
        return found.filter(e -> e.getJobName().equals(job));
    }

    private static Optional<Long> number(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
