package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The job's concurrency policy, applied when a run of a {@code forbid} or {@code replace} job is about to start
 * (not when it is claimed, up to a second ahead: the run before it would still look running then). One short
 * transaction holds the job's row locked, so that runs starting together on several nodes are decided one after
 * the other: {@code forbid} skips the run if another one of the job is running; {@code replace} asks the running
 * ones to stop (their {@code cancel_requested_at}) and starts. The run that starts marks itself started in the same
 * transaction, so the next run decided sees it.
 */
@ApplicationScoped
public class Overlaps {

    private static final String LOCK_JOB = "SELECT name FROM job WHERE name = ? FOR UPDATE";
    private static final String CANCEL_REQUESTED = "SELECT cancel_requested_at FROM execution WHERE id = ?";
    /** Running and due: started, or claimed before this one (the tie-break between two runs due together). */
    private static final String OTHERS_RUNNING = "job_name = ? AND id <> ? AND status = 'running' "
            + "AND not_before <= ? AND (started_at IS NOT NULL OR id < ?)";
    private static final String ONE_RUNNING = "SELECT id FROM execution WHERE " + OTHERS_RUNNING;
    private static final String REQUEST_CANCEL = "UPDATE execution SET cancel_requested_at = ? WHERE " + OTHERS_RUNNING
            + " AND cancel_requested_at IS NULL";
    private static final String MARK_STARTED = "UPDATE execution SET started_at = ? WHERE id = ?";

    @Inject
    Jdbc jdbc;

    /** Why the run must not start, or empty if it starts (then it is marked started at {@code startedAt}). */
    public Optional<String> refusal(ClaimedRun run, Instant startedAt) {
        return jdbc.inTransaction(connection -> {
            lockJob(connection, run.jobName());
            Optional<String> refusal = switch (run.concurrency()) {
                case FORBID -> runningOther(connection, run, startedAt).map(other ->
                        "skipped: execution " + other + " of this job is still running (concurrency forbid)");
                case REPLACE -> replace(connection, run, startedAt);
                case ALLOW -> Optional.<String>empty();
            };
            if (refusal.isEmpty()) {
                try (PreparedStatement mark = connection.prepareStatement(MARK_STARTED)) {
                    SqlTime.set(mark, 1, startedAt);
                    mark.setLong(2, run.executionId());
                    mark.executeUpdate();
                }
            }
            return refusal;
        });
    }

    private static void lockJob(Connection connection, String job) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_JOB)) {
            lock.setString(1, job);
            lock.executeQuery().close();
        }
    }

    private static Optional<Long> runningOther(Connection connection, ClaimedRun run, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ONE_RUNNING)) {
            bindOthers(select, 1, run, now);
            select.setMaxRows(1);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** A run replaced by a newer one before it started does not start at all. */
    private static Optional<String> replace(Connection connection, ClaimedRun run, Instant now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CANCEL_REQUESTED)) {
            select.setLong(1, run.executionId());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next() && SqlTime.get(rs, 1) != null) {
                    return Optional.of("skipped: replaced by a newer run of this job before it started (concurrency replace)");
                }
            }
        }
        try (PreparedStatement cancel = connection.prepareStatement(REQUEST_CANCEL)) {
            SqlTime.set(cancel, 1, now);
            bindOthers(cancel, 2, run, now);
            cancel.executeUpdate();
        }
        return Optional.empty();
    }

    private static void bindOthers(PreparedStatement statement, int first, ClaimedRun run, Instant now) throws SQLException {
        statement.setString(first, run.jobName());
        statement.setLong(first + 1, run.executionId());
        SqlTime.set(statement, first + 2, now);
        statement.setLong(first + 3, run.executionId());
    }
}
