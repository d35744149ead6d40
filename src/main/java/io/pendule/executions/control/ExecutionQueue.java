package io.pendule.executions.control;

import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executions.entity.RunQueued;
import io.pendule.executions.entity.Trigger;
import io.pendule.database.control.Jdbc;
import io.pendule.executors.entity.RunTargets;
import io.pendule.security.control.AuditWriter;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Queues a run to start as soon as a worker takes it (run now, start-up runs, dependent jobs): one execution, or one
 * per target when the job's run fans out ({@link FanOut}), all in the run's group.
 */
@ApplicationScoped
public class ExecutionQueue {

    private static final String HOW_IT_RUNS = "SELECT executor, executor_config, tags FROM job WHERE name = ?";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    ExecutionIds ids;
    @Inject
    Event<RunQueued> queued;
    @Inject
    AuditWriter audit;
    @Inject
    FanOut fanOut;

    /**
     * A run now that {@code caller} asked for (trigger manual or api), following the given concurrency policy rather
     * than its job's (null for its job's). The execution names who started it, and the audit log has it (job.run), in
     * the transaction that queues it. Returns the new execution's id, which is also its group's. The job must exist
     * (the foreign key refuses it otherwise).
     */
    public long queue(String jobName, Trigger trigger, Concurrency concurrency, Identity caller) {
        return queue(jobName, trigger, concurrency, caller, null);
    }

    /**
     * As {@link #queue(String, Trigger, Concurrency, Identity)}, against {@code only} these of the run's targets when not
     * null (the matrix's re-run of some endpoints); a run left with none is recorded skipped, saying why.
     */
    public long queue(String jobName, Trigger trigger, Concurrency concurrency, Identity caller, Set<String> only) {
        Queued run = jdbc.inTransaction(connection -> {
            long next = ids.next(connection);
            NewExecution row = NewExecution.queued(next, jobName, next, trigger, time.instant(), null, concurrency);
            List<NewExecution> rows = fanOut.rows(connection, caller.kind() == Identity.Kind.SYSTEM ? row
                    : row.startedBy(caller.name()), targetsOf(connection, jobName), only, time.instant());
            ExecutionRows.insert(connection, rows);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("execution", next);
            details.put("trigger", trigger.code());
            if (concurrency != null) {
                details.put("concurrency", concurrency.code());
            }
            if (rows.size() > 1 || !rows.get(0).target().isEmpty()) {
                details.put("targets", rows.stream().map(NewExecution::target).toList());
            }
            return new Queued(next, audit.write(connection, caller, AuditAction.JOB_RUN, jobName, AuditEvent.Outcome.ALLOWED, details));
        });
        audit.mirror(run.event());
        queued.fire(new RunQueued(jobName));
        return run.id();
    }

    private record Queued(long id, Optional<AuditEvent> event) {
    }

    /** A run Pendule queues itself, in the caller's transaction; the caller announces {@link RunQueued} once it has committed. */
    public long queue(Connection connection, String jobName, Trigger trigger) throws SQLException {
        long id = ids.next(connection);
        NewExecution run = NewExecution.queued(id, jobName, id, trigger, time.instant(), null, null);
        ExecutionRows.insert(connection, fanOut.rows(connection, run, targetsOf(connection, jobName), null, time.instant()));
        return id;
    }

    /**
     * Queues a run of a downstream job in the run group of the upstream run that triggered it, against {@code only}
     * these of its targets (null: all of them), at most once per job, group and target (the unique key on
     * dependency_group and target): returns the id of its first execution queued, or nothing if the job was already
     * triggered in that group (for those targets).
     */
    public OptionalLong queueDownstream(String jobName, long groupId, Set<String> only) {
        OptionalLong id = jdbc.inTransaction(connection -> {
            NewExecution run = NewExecution.queued(ids.next(connection), jobName, groupId, Trigger.DEPENDENCY,
                    time.instant(), groupId, null);
            List<NewExecution> rows = fanOut.rows(connection, run, targetsOf(connection, jobName), only, time.instant());
            boolean[] inserted = ExecutionRows.insert(connection, rows);
            for (int i = 0; i < rows.size(); i++) {
                if (inserted[i]) {
                    return OptionalLong.of(rows.get(i).id());
                }
            }
            return OptionalLong.empty();
        });
        if (id.isPresent()) {
            queued.fire(new RunQueued(jobName));
        }
        return id;
    }

    /** What a run of the job runs against, as its row says now; a job gone runs once (its insert is refused). */
    private RunTargets targetsOf(Connection connection, String jobName) throws SQLException {
        return Jdbc.query(connection, HOW_IT_RUNS, select -> select.setString(1, jobName),
                rs -> fanOut.targetsOfStored(rs.getString("executor"), rs.getString("executor_config"), rs.getString("tags")))
                .stream().findFirst().orElse(RunTargets.ONE);
    }
}
