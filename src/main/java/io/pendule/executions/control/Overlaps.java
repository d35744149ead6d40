package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.database.control.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The job's concurrency policy, applied when a run of a {@code forbid} or {@code replace} job is about to start
 * (not when it is claimed, up to a second ahead: the run before it would still look running then). One short
 * transaction holds the job's row locked, so that runs starting together on several nodes are decided one after
 * the other: {@code forbid} skips the run if another one of the job is running; {@code replace} asks the running
 * ones to stop (their {@code cancel_requested_at}) and starts. The run that starts marks itself started in the same
 * transaction, so the next run decided sees it, and only while its row is still this process's: an answer that came
 * after the run was orphaned (the node cut off meanwhile) starts nothing.
 */
@ApplicationScoped
public class Overlaps {

    private static final String LOCK_JOB = "SELECT name FROM job WHERE name = ? FOR UPDATE";

    /** The run's row is no longer running under this process: its result is written nowhere, the row says why. */
    static final String TAKEN_AWAY = "not started: no longer this node's (orphaned while its start was being checked)";

    @Inject
    Jdbc jdbc;
    @Inject
    NodeLease lease;

    /** Why the run must not start, or empty if it starts (then it is marked started at {@code startedAt}). */
    public Optional<String> refusal(ClaimedRun run, Instant startedAt) {
        return jdbc.inTransaction(connection -> {
            Jdbc.query(connection, LOCK_JOB, lock -> lock.setString(1, run.jobName()), rs -> null);
            Optional<String> refusal = switch (run.concurrency()) {
                case FORBID -> ExecutionRows.otherRunning(connection, run.jobName(), run.executionId(), startedAt)
                        .map(other -> "skipped: execution " + other + " of this job is still running (concurrency forbid)");
                case REPLACE -> replace(connection, run, startedAt);
                case ALLOW -> Optional.<String>empty();
            };
            if (refusal.isEmpty() && !ExecutionRows.markStartedIfHeld(connection, run.executionId(), lease.incarnation(), startedAt)) {
                return Optional.of(TAKEN_AWAY);
            }
            return refusal;
        });
    }

    /** A run replaced by a newer one before it started does not start at all. */
    private static Optional<String> replace(Connection connection, ClaimedRun run, Instant now) throws SQLException {
        if (ExecutionRows.cancelRequested(connection, run.executionId())) {
            return Optional.of("skipped: replaced by a newer run of this job before it started (concurrency replace)");
        }
        ExecutionRows.requestCancelOfOthers(connection, run.jobName(), run.executionId(), now);
        return Optional.empty();
    }
}
