package io.pendule.executions.control;

import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.RunQueued;
import io.pendule.executions.entity.Trigger;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;

/** Queues an execution to start as soon as a worker takes it (run now, start-up runs, dependent jobs). */
@ApplicationScoped
public class ExecutionQueue {

    private static final String QUEUE = "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, "
            + "scheduled_at, created_at, not_before, dependency_group, concurrency) "
            + "VALUES (?, ?, ?, 1, ?, 'queued', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    ExecutionIds ids;
    @Inject
    Event<RunQueued> queued;

    /** Returns the new execution's id, which is also its group's. The job must exist (the foreign key refuses it otherwise). */
    public long queue(String jobName, Trigger trigger) {
        return queue(jobName, trigger, null);
    }

    /**
     * As {@link #queue(String, Trigger)}, the run following the given concurrency policy rather than its job's;
     * null for the job's.
     */
    public long queue(String jobName, Trigger trigger, Concurrency concurrency) {
        long id = jdbc.inTransaction(connection -> {
            long next = ids.next(connection);
            insert(connection, next, jobName, next, trigger, null, concurrency);
            return next;
        });
        queued.fire(new RunQueued(jobName));
        return id;
    }

    /** As {@link #queue(String, Trigger)}, in the caller's transaction; the caller announces {@link RunQueued} once it has committed. */
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
        Instant now = time.instant();
        try (PreparedStatement insert = connection.prepareStatement(QUEUE)) {
            insert.setLong(1, id);
            insert.setString(2, jobName);
            insert.setLong(3, groupId);
            insert.setString(4, trigger.code());
            SqlTime.set(insert, 5, now);
            SqlTime.set(insert, 6, now);
            SqlTime.set(insert, 7, now);
            insert.setObject(8, dependencyGroup, java.sql.Types.BIGINT);
            insert.setString(9, concurrency == null ? null : concurrency.code());
            return insert.executeUpdate() == 1;
        }
    }
}
