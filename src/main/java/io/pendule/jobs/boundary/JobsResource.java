package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJsonReader;
import io.pendule.jobs.control.JobJson;
import jakarta.servlet.http.HttpServletRequest;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.executions.boundary.ExecutionJson;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.control.RunWaiter;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.Trigger;
import io.pendule.cluster.control.Members;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.control.JobValidator;
import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.UnavailableException;
import io.pendule.api.entity.ValidationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.container.ConnectionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Dkron's /v1/jobs: create or replace (POST, PATCH, PUT), list, show, delete, run now (and its /run alias),
 * toggle; plus a real partial update with PATCH and application/merge-patch+json.
 */
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class JobsResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    /** How long run-now with ?wait=true waits for the run to finish before answering 202 with it still running. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
    /** Beyond LONGEST_WAIT, how long the waiter may take to read the run's row before the answer gives up (503). */
    private static final Duration GRACE = Duration.ofMinutes(1);

    @Context
    HttpServletRequest request;
    @Inject
    JobService jobs;
    @Inject
    JobCatalog catalog;
    @Inject
    ExecutionQueue queue;
    @Inject
    RunWaiter waiter;
    @Inject
    JobValidator validator;
    @Inject
    Members members;

    /** Dkron's clients (and curl -d) send JSON with any content type, so any is accepted. */
    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Operation(summary = "Create a job, or replace the job of the same name (history kept)")
    public Response createOrReplace(@RequestBody(content = @Content(schema = @Schema(implementation = JobJson.class))) String body,
                                    @QueryParam("runoncreate") String runOnCreate, @Context UriInfo uri) {
        return saved(JobJsonReader.parse(body), runOnCreate, uri);
    }

    /** As POST: Dkron's PATCH /v1/jobs replaces the whole job. */
    @RolesAllowed(Role.OPERATOR_NAME)
    @PATCH
    @Operation(summary = "As POST /v1/jobs (Dkron's PATCH replaces the whole job)")
    public Response createOrReplaceByPatch(@RequestBody(content = @Content(schema = @Schema(implementation = JobJson.class))) String body, @QueryParam("runoncreate") String runOnCreate, @Context UriInfo uri) {
        return createOrReplace(body, runOnCreate, uri);
    }

    /** Replaces the job named in the path; a body naming another job is refused (Dkron would save that one). */
    @RolesAllowed(Role.OPERATOR_NAME)
    @PUT
    @Path("{name}")
    @Operation(summary = "Replace the job named in the path")
    public Response replace(@PathParam("name") String name,
                            @RequestBody(content = @Content(schema = @Schema(implementation = JobJson.class))) String body, @QueryParam("runoncreate") String runOnCreate,
                            @Context UriInfo uri) {
        return saved(named(name, JobJsonReader.parse(body)), runOnCreate, uri);
    }

    /** With application/merge-patch+json, changes only the fields sent (RFC 7386); otherwise replaces, as PUT. */
    @RolesAllowed(Role.OPERATOR_NAME)
    @PATCH
    @Path("{name}")
    @Operation(summary = "With Content-Type application/merge-patch+json, change only the fields sent (RFC 7386); "
            + "otherwise replace, as PUT")
    public Response update(@PathParam("name") String name,
                           @RequestBody(content = @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = JobJson.class))) String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @QueryParam("runoncreate") String runOnCreate, @Context UriInfo uri) {
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(MERGE_PATCH)) {
            return replace(name, body, runOnCreate, uri);
        }
        JsonNode current = json(jobs.get(name)).tree();
        return saved(named(name, JobJsonReader.parse(MergePatch.apply(current, body))), runOnCreate, uri);
    }

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    public Response list(@Context UriInfo uri) {
        JobCatalog.Page page = catalog.find(JobListParameters.read(uri.getQueryParameters()));
        Identity reader = Callers.of(request);
        List<JobJson> jobsJson = page.jobs().stream()
                .map(job -> JobJson.of(job, page.children().getOrDefault(job.getName(), List.of())).shownTo(reader))
                .toList();
        return Response.ok(jobsJson).header("X-Total-Count", page.total()).build();
    }

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Path("{name}")
    public JobJson show(@PathParam("name") String name) {
        return shown(jobs.get(name));
    }

    @RolesAllowed(Role.OPERATOR_NAME)
    @DELETE
    @Path("{name}")
    public JobJson delete(@PathParam("name") String name) {
        return shown(jobs.delete(name, Callers.of(request)));
    }

    /**
     * Queues a run and answers at once, 202 with the job and the execution's Location and id; with ?wait=true
     * answers the execution itself once finished (200), or still running after {@link #LONGEST_WAIT} (202). A wait
     * holds no request thread (the answer is resumed when the run ends), and a caller may have only
     * PENDULE_API_WAITS_PER_CALLER of them at once: one more is refused with 429 before anything is queued.
     */
    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("{name}")
    @Operation(summary = "Run now: 202 with the job and the execution's Location and X-Execution-Id; "
            + "with ?wait=true, the finished execution (200); ?concurrency=allow runs it beside a running execution "
            + "of a forbid or replace job")
    public void run(@PathParam("name") String name, @QueryParam("wait") String wait,
                    @QueryParam("concurrency") String concurrency, @Context UriInfo uri, @Suspended AsyncResponse answer) {
        try {
            Identity caller = Callers.of(request);
            Job job = jobs.get(name);
            Concurrency policy = runConcurrency(concurrency);
            if (wait == null || wait.equals("false")) {
                long id = queue.queue(name, Trigger.API, policy, caller);
                answer.resume(Response.accepted(shown(job)).location(executionUri(uri, name, id)).header("X-Execution-Id", id).build());
                return;
            }
            RunWaiter.Slot slot = waiter.admit(caller.name());
            long id;
            try {
                id = queue.queue(name, Trigger.API, policy, caller);
            } catch (RuntimeException e) {
                slot.release();
                throw e;
            }
            URI location = executionUri(uri, name, id);
            CompletableFuture<Execution> finished = waiter.await(id, LONGEST_WAIT, slot);
            answer.setTimeout(LONGEST_WAIT.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            answer.setTimeoutHandler(late -> late.resume(new UnavailableException("execution " + id + " could not be read")));
            answer.register((ConnectionCallback) gone -> finished.cancel(false));
            answer.register((CompletionCallback) any -> finished.cancel(false));
            finished.whenComplete((execution, error) -> {
                if (error != null) {
                    answer.resume(error instanceof CompletionException ? error.getCause() : error);
                } else {
                    answer.resume(Response.status(execution.status().finished() ? Response.Status.OK : Response.Status.ACCEPTED)
                            .entity(ExecutionJson.of(execution)).location(location).header("X-Execution-Id", id).build());
                }
            });
        } catch (RuntimeException e) {
            answer.resume(e);
        }
    }

    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("{name}/run")
    public void runAlias(@PathParam("name") String name, @QueryParam("wait") String wait,
                         @QueryParam("concurrency") String concurrency, @Context UriInfo uri, @Suspended AsyncResponse answer) {
        run(name, wait, concurrency, uri, answer);
    }

    /** ?concurrency=allow runs beside the job's running executions whatever its policy; absent, the job's policy. */
    private static Concurrency runConcurrency(String concurrency) {
        if (concurrency == null || concurrency.isEmpty()) {
            return null;
        }
        return Concurrency.ofCode(concurrency).orElseThrow(() -> new ValidationException("Invalid run", "concurrency",
                "must be one of " + String.join(", ", Concurrency.codes()) + " (this run only)"));
    }

    @RolesAllowed(Role.OPERATOR_NAME)
    @POST
    @Path("{name}/toggle")
    public Response toggle(@PathParam("name") String name, @Context UriInfo uri) {
        Job job = jobs.toggle(name, Callers.of(request));
        return Response.ok(shown(job)).location(jobUri(uri, name)).build();
    }

    private Response saved(JobJson submitted, String runOnCreate, UriInfo uri) {
        Job saved = jobs.save(JobJsonReader.toDefinition(submitted), Callers.of(request));
        Response.ResponseBuilder created = Response.created(jobUri(uri, saved.getName())).entity(shown(saved));
        // RFC 9111 retired Warning, but clients still show a "299" one, as kubectl does Kubernetes': the save succeeded
        validator.secretsNotFound(saved).forEach(warning -> created.header("Warning", "299 pendule \"" + warning + "\""));
        unservedTags(saved).ifPresent(warning -> created.header("Warning", "299 pendule \"" + warning + "\""));
        if (runOnCreate != null) {
            long id = queue.queue(saved.getName(), Trigger.API, null, Callers.of(request));
            created.header("X-Execution-Id", id);
        }
        return created.build();
    }

    /** A job whose tags no live worker has is saved, but waits: said at once rather than found out later. */
    private java.util.Optional<String> unservedTags(Job saved) {
        if (saved.getTags() == null || saved.getTags().isEmpty() || members.anyServes(saved.getTags())) {
            return java.util.Optional.empty();
        }
        String tags = new java.util.TreeMap<>(saved.getTags()).entrySet().stream().map(t -> t.getKey() + "=" + t.getValue())
                .collect(java.util.stream.Collectors.joining(","));
        return java.util.Optional.of("no live worker node has the tags " + tags.replaceAll("[\\p{Cntrl}\"\\\\]", "?")
                + " now: its runs wait queued until one does (see /v1/members)");
    }

    private static JobJson named(String name, JobJson submitted) {
        if (submitted.name == null || submitted.name.isEmpty()) {
            submitted.name = name;
        } else if (!submitted.name.equals(name)) {
            throw new ValidationException("Job validation failed", "name",
                    "\"" + submitted.name + "\" does not match the job in the path, " + name + " (a job cannot be renamed)");
        }
        return submitted;
    }

    /** The job as stored, secrets in clear (a job just created has no children yet): never an answer as it is. */
    private JobJson json(Job job) {
        return JobJson.of(job, job.isCreatedNow() ? List.of() : jobs.childrenOf(job.getName()));
    }

    /** The job as the caller may read it (a viewer: its secrets masked). */
    private JobJson shown(Job job) {
        return json(job).shownTo(Callers.of(request));
    }

    private static URI jobUri(UriInfo uri, String name) {
        return uri.getBaseUriBuilder().path("jobs").path(name).build();
    }

    private static URI executionUri(UriInfo uri, String name, long id) {
        return uri.getBaseUriBuilder().path("jobs").path(name).path("executions").path(Long.toString(id)).build();
    }
}
