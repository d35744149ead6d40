package io.pendule.executions.control;

import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executions.entity.RunQueued;
import io.pendule.executions.entity.Trigger;
import io.pendule.database.control.Jdbc;
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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Queues an execution to start as soon as a worker takes it (run now, start-up runs, dependent jobs). */
@ApplicationScoped
public class ExecutionQueue {

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

    /**
     * A run now that {@code caller} asked for (trigger manual or api), following the given concurrency policy rather
     * than its job's (null for its job's). The execution names who started it, and the audit log has it (job.run), in
     * the transaction that queues it. Returns the new execution's id, which is also its group's. The job must exist
     * (the foreign key refuses it otherwise).
     */
    public long queue(String jobName, Trigger trigger, Concurrency concurrency, Identity caller) {
        Queued run = jdbc.inTransaction(connection -> {
            long next = ids.next(connection);
            NewExecution row = NewExecution.queued(next, jobName, next, trigger, time.instant(), null, concurrency);
            ExecutionRows.insert(connection, caller.kind() == Identity.Kind.SYSTEM ? row : row.startedBy(caller.name()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("execution", next);
            details.put("trigger", trigger.code());
            if (concurrency != null) {
                details.put("concurrency", concurrency.code());
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
        insert(connection, id, jobName, id, trigger, null, null);
        return id;
    }

    /**
     * Queues a run of a downstream job in the run group of the upstream run that triggered it, at most once per job
     * and group (the unique key on dependency_group): returns its id, or nothing if the job was already triggered in
     * that group.
     */
    public OptionalLong queueDownstream(String jobName, long groupId) {
        OptionalLong id = jdbc.inTransaction(connection -> {
            long next = ids.next(connection);
            return insert(connection, next, jobName, groupId, Trigger.DEPENDENCY, groupId, null)
                    ? OptionalLong.of(next) : OptionalLong.empty();
        });
        if (id.isPresent()) {
            queued.fire(new RunQueued(jobName));
        }
        return id;
    }

    private boolean insert(Connection connection, long id, String jobName, long groupId, Trigger trigger,
                           Long dependencyGroup, Concurrency concurrency) throws SQLException {
        return ExecutionRows.insert(connection, NewExecution.queued(id, jobName, groupId, trigger, time.instant(),
                dependencyGroup, concurrency));
    }
}
