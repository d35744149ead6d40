package io.pendule.executions.control;

import io.pendule.clock.control.Clock;
import io.pendule.executions.entity.Trigger;
import io.pendule.platform.Jdbc;
import io.pendule.platform.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.time.Instant;

/** Queues an execution to start as soon as a worker takes it (run now, start-up runs, dependent jobs). */
@ApplicationScoped
public class ExecutionQueue {

    private static final String QUEUE = "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, "
            + "scheduled_at, created_at, not_before, concurrency) VALUES (?, ?, ?, 1, ?, 'queued', ?, ?, ?, ?)";

    @Inject
    Jdbc jdbc;
    @Inject
    ExecutionIds ids;
    @Inject
    Clock clock;

    /** Returns the new execution's id. The job must exist (the foreign key refuses it otherwise). */
    public long queue(String jobName, Trigger trigger) {
        return queue(jobName, trigger, null);
    }

    /**
     * As {@link #queue(String, Trigger)}, the run following the given concurrency policy ({@code allow},
     * {@code forbid}, {@code replace}) rather than its job's; null for the job's.
     */
    public long queue(String jobName, Trigger trigger, String concurrency) {
        Instant now = Instant.now();
        long id = jdbc.inTransaction(connection -> {
            long next = ids.next(connection);
            try (PreparedStatement insert = connection.prepareStatement(QUEUE)) {
                insert.setLong(1, next);
                insert.setString(2, jobName);
                insert.setLong(3, next);
                insert.setString(4, trigger.code());
                SqlTime.set(insert, 5, now);
                SqlTime.set(insert, 6, now);
                SqlTime.set(insert, 7, now);
                insert.setString(8, concurrency);
                insert.executeUpdate();
            }
            return next;
        });
        clock.wakeUp();
        return id;
    }
}
