package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.FollowUps;
import io.pendule.executions.entity.RunFinished;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The one owner of the statements on the {@code follow_up} table, the outbox of what follows runs' final outcomes.
 * Rows are written in the caller's connection, in the transaction that records the outcome; a row is taken by one node
 * at a time ({@link #claim}: SKIP LOCKED, then pushed {@code claimFor} ahead so that no other node takes it while it is
 * being followed, and any node may once that has passed: its taker died), and read back joined to its execution row.
 */
public final class FollowUpRows {

    /** A run whose final outcome something follows, as recorded: {@code followUps} UNKNOWN (all three) looks at its job. */
    public record Pending(long executionId, FollowUps followUps) {
    }

    /** A row taken to be followed: the outcome rebuilt from its execution row, with the kinds still to do. */
    public record Due(RunFinished outcome, int attempts) {
    }

    private static final String INSERT = "INSERT INTO follow_up (execution_id, downstream, notifies, ephemeral, created_at, "
            + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    /** What follows the run is looked up with its job; nothing is written when nothing follows it. */
    private static final String INSERT_LOOKED_UP = "INSERT INTO follow_up (execution_id, downstream, notifies, ephemeral, "
            + "created_at, next_attempt_at) SELECT e.id, j.follow_downstream, j.follow_notifies, j.follow_ephemeral, ?, ? "
            + "FROM execution e JOIN (SELECT name, " + FollowUps.COLUMNS + " FROM job) j ON j.name = e.job_name "
            + "WHERE e.id = ? AND (j.follow_downstream OR j.follow_notifies OR j.follow_ephemeral) ON CONFLICT DO NOTHING";
    private static final String DUE = "SELECT execution_id FROM follow_up WHERE next_attempt_at <= ? "
            + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String TAKE = "UPDATE follow_up SET attempts = attempts + 1, next_attempt_at = ? WHERE execution_id = ?";
    private static final String READ = "SELECT f.execution_id, f.downstream, f.notifies, f.ephemeral, f.attempts, "
            + "e.job_name, e.group_id, e.attempt, e.status, e.started_at, e.finished_at, e.exit_code, e.stdout, e.stderr, "
            + "e.error, e.node_name, e.target FROM follow_up f JOIN execution e ON e.id = f.execution_id WHERE f.execution_id = ?";
    private static final String DONE = "DELETE FROM follow_up WHERE execution_id = ?";
    private static final String AGAIN = "UPDATE follow_up SET downstream = ?, notifies = ?, ephemeral = ?, "
            + "next_attempt_at = ?, last_error = ? WHERE execution_id = ?";
    /** The end of a run's output its observers get (a notification shows it). */
    static final int OUTPUT_TAIL = 4096;

    private FollowUpRows() {
    }

    /**
     * Writes the outbox rows of these outcomes, due at {@code now}; one batch per kind of knowledge. An outcome is final
     * once, so a row is written once; were it written again, a refused insert would refuse the recorder's whole batch.
     */
    public static void insert(Connection connection, List<Pending> pending, Instant now) throws SQLException {
        List<Pending> known = pending.stream().filter(p -> !p.followUps().equals(FollowUps.UNKNOWN))
                .filter(p -> p.followUps().any()).toList();
        Jdbc.batch(connection, INSERT, known, (insert, p) -> {
            insert.setLong(1, p.executionId());
            insert.setBoolean(2, p.followUps().downstream());
            insert.setBoolean(3, p.followUps().notifies());
            insert.setBoolean(4, p.followUps().ephemeral());
            SqlTime.set(insert, 5, now);
            SqlTime.set(insert, 6, now);
        });
        List<Pending> unknown = pending.stream().filter(p -> p.followUps().equals(FollowUps.UNKNOWN)).toList();
        Jdbc.batch(connection, INSERT_LOOKED_UP, unknown, (insert, p) -> {
            SqlTime.set(insert, 1, now);
            SqlTime.set(insert, 2, now);
            insert.setLong(3, p.executionId());
        });
    }

    /**
     * Takes at most {@code limit} rows due at {@code now} that no other node holds, pushes them to {@code takenUntil}
     * and counts the attempt; returns them, read with their executions.
     */
    public static List<Due> claim(Connection connection, Instant now, Instant takenUntil, int limit) throws SQLException {
        if (limit <= 0) {
            return Collections.emptyList();
        }
        List<Long> ids = Jdbc.query(connection, DUE, select -> {
            SqlTime.set(select, 1, now);
            select.setInt(2, limit);
        }, rs -> rs.getLong(1));
        Jdbc.batch(connection, TAKE, ids, (update, id) -> {
            SqlTime.set(update, 1, takenUntil);
            update.setLong(2, id);
        });
        List<Due> due = new java.util.ArrayList<>();
        for (long id : ids) {
            due.addAll(Jdbc.query(connection, READ, select -> select.setLong(1, id), FollowUpRows::read));
        }
        return due;
    }

    /** Every kind the row named is done. */
    public static void done(Connection connection, long executionId) throws SQLException {
        Jdbc.update(connection, DONE, delete -> delete.setLong(1, executionId));
    }

    /** Keeps the kinds {@code left} to do, due again at {@code next} (NULL: given up), with the reason. */
    public static void again(Connection connection, long executionId, FollowUps left, Instant next, String error)
            throws SQLException {
        Jdbc.update(connection, AGAIN, update -> {
            update.setBoolean(1, left.downstream());
            update.setBoolean(2, left.notifies());
            update.setBoolean(3, left.ephemeral());
            SqlTime.set(update, 4, next);
            update.setString(5, error);
            update.setLong(6, executionId);
        });
    }

    private static Due read(ResultSet rs) throws SQLException {
        FollowUps left = new FollowUps(rs.getBoolean("downstream"), rs.getBoolean("notifies"), rs.getBoolean("ephemeral"));
        Instant finishedAt = SqlTime.get(rs, "finished_at");
        Instant startedAt = SqlTime.get(rs, "started_at");
        Integer exitCode = rs.getObject("exit_code") == null ? null : rs.getInt("exit_code");
        String stdout = rs.getString("stdout");
        String stderr = rs.getString("stderr");
        String output = (stdout == null ? "" : stdout) + (stderr == null ? "" : stderr);
        RunFinished outcome = new RunFinished(rs.getLong("execution_id"), rs.getString("job_name"), rs.getLong("group_id"),
                rs.getInt("attempt"), ExecutionStatus.ofCode(rs.getString("status")),
                startedAt == null ? finishedAt : startedAt, finishedAt, exitCode,
                output.length() > OUTPUT_TAIL ? output.substring(output.length() - OUTPUT_TAIL) : output,
                rs.getString("error"), rs.getString("node_name"), left, rs.getString("target"));
        return new Due(outcome, rs.getInt("attempts"));
    }
}
