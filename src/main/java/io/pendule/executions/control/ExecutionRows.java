package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunningOutput;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one owner of the statements that write the {@code execution} table: every transition of an execution row,
 * one statement each, run in the caller's connection (so the clock keeps one transaction per batch and the recorder
 * its batches). The callers decide (what is due, what is late, what retries, which lease ran out); the statements
 * here refuse a transition from a state the row has left: a row is claimed only while queued, and started,
 * finished, orphaned or given output only while running.
 */
public final class ExecutionRows {

    private static final String QUEUED = ExecutionStatus.QUEUED.literal();
    private static final String RUNNING = ExecutionStatus.RUNNING.literal();
    /*
     * The updates below find their row by id, then check its status on the row: written "status || ''" so that
     * PostgreSQL cannot answer the check from the (status, not_before) index. Its custom plans did whenever the
     * statistics predated a burst (they counted few running rows), and then read every running row for each update:
     * 2.4 to 2.7 ms per start or finish, against 0.11 to 0.14 ms by the primary key (W1, pg_stat_statements,
     * docs/benchmarks.md; ExecutionRowPlansOnPostgresIT).
     */
    private static final String IS_RUNNING = "status || '' = " + RUNNING;
    private static final String IS_QUEUED = "status || '' = " + QUEUED;

    /**
     * Every insert, whatever the run. The unique keys make a second insert of the same fire (job_name, fire_at) or of
     * the same dependent run (job_name, dependency_group), against the same target, a no-op, even when two nodes race.
     */
    private static final String INSERT = "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, "
            + "scheduled_at, fire_at, node_name, created_at, not_before, finished_at, error, incarnation, dependency_group, "
            + "concurrency, started_by, target) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    /*
     * No status condition: the caller holds the row locked (FOR UPDATE SKIP LOCKED) since it read it queued, so it is
     * still queued. With one, PostgreSQL's generic plan for the prepared statement may read the (status, not_before)
     * index and scan every queued row for each claim: W1 measured 30 % fewer starts per second that way.
     */
    private static final String CLAIM = "UPDATE execution SET status = " + RUNNING + ", node_name = ?, incarnation = ? "
            + "WHERE id = ?";
    /** A start already written (by the concurrency check) is not moved by the recorder's later one. */
    private static final String MARK_STARTED = "UPDATE execution SET started_at = ? "
            + "WHERE id = ? AND started_at IS NULL AND " + IS_RUNNING;
    /**
     * The start decided by the concurrency check, written only while the row is still this incarnation's: a check whose
     * answer came late (a cut network) may find the run orphaned, and retried elsewhere, meanwhile. A start written by
     * an earlier try of the same check (its commit's answer lost: that try called nothing) is written over.
     */
    private static final String MARK_STARTED_IF_HELD = "UPDATE execution SET started_at = ? "
            + "WHERE id = ? AND " + IS_RUNNING + " AND incarnation = ?";
    private static final String MARK_ALL_STARTED_IF_HELD = "UPDATE execution SET started_at = ? "
            + "WHERE id = ANY(?) AND " + IS_RUNNING + " AND incarnation = ?";
    private static final String WRITE_OUTPUT = "UPDATE execution SET stdout = ?, stderr = ?, output_truncated = ? "
            + "WHERE id = ? AND " + IS_RUNNING;
    /**
     * A run no longer running was orphaned meanwhile, and may be retried elsewhere: a late result is not written over
     * that. Nor is the result of a process whose incarnation no longer holds the run (a zombie's).
     */
    private static final String FINISH = "UPDATE execution SET status = ?, started_at = ?, finished_at = ?, exit_code = ?, "
            + "stdout = ?, stderr = ?, output_truncated = ?, error = ? WHERE id = ? AND " + IS_RUNNING
            + " AND incarnation = ?";
    private static final String ORPHAN = "UPDATE execution SET status = ?, finished_at = ?, error = ? "
            + "WHERE id = ? AND " + IS_RUNNING;
    private static final String CANCEL_QUEUED = "UPDATE execution SET status = " + ExecutionStatus.CANCELLED.literal()
            + ", finished_at = ?, error = ? WHERE id = ? AND " + IS_QUEUED;
    private static final String END_QUEUED = "UPDATE execution SET status = ?, finished_at = ?, error = ? "
            + "WHERE id = ? AND " + IS_QUEUED;
    /** The first request counts: asking again does not move it. */
    private static final String REQUEST_CANCEL = "UPDATE execution SET cancel_requested_at = COALESCE(cancel_requested_at, ?) "
            + "WHERE id = ? AND " + IS_RUNNING;
    /**
     * The job's other runs against the same target, running and due: started, or claimed before this one (the tie-break
     * of two runs due together).
     */
    private static final String OTHERS_RUNNING = "job_name = ? AND id <> ? AND status = " + RUNNING
            + " AND not_before <= ? AND (started_at IS NOT NULL OR id < ?) AND target = ?";
    /** How many of the job's executions against a target have started and run still (a fanned-out run's limit). */
    private static final String TARGETS_RUNNING = "SELECT count(*) FROM execution WHERE job_name = ? AND id <> ? AND status = "
            + RUNNING + " AND started_at IS NOT NULL AND target <> ''";
    private static final String ONE_OTHER_RUNNING = "SELECT id FROM execution WHERE " + OTHERS_RUNNING;
    /** The running rows of several jobs, for decisions made together (see {@link RunningRow#countsAgainst}). */
    private static final String RUNNING_OF_JOBS = "SELECT id, job_name, target, not_before, started_at IS NOT NULL, "
            + "incarnation FROM execution WHERE job_name = ANY(?) AND status = " + RUNNING;
    private static final String REQUEST_CANCEL_OF_OTHERS = "UPDATE execution SET cancel_requested_at = ? WHERE "
            + OTHERS_RUNNING + " AND cancel_requested_at IS NULL";
    /** Whether the node runs one of the run's node slots already (Dkron's "value:N": N nodes, one slot each). */
    private static final String SLOT_RUNNING_ON = "SELECT id FROM execution WHERE job_name = ? AND group_id = ? "
            + "AND node_name = ? AND status = " + RUNNING + " AND target LIKE '#%'";
    private static final String CANCEL_REQUESTED = "SELECT cancel_requested_at FROM execution WHERE id = ?";
    private static final String DELETE = "DELETE FROM execution WHERE id = ?";
    /**
     * A job's history, cleared: its runs that are over. Run by the caller's entity manager (jobs.control.JobHistory),
     * in its transaction with the job's counters.
     */
    public static final String CLEAR_HISTORY = "DELETE FROM execution WHERE job_name = ? "
            + "AND status NOT IN (" + ExecutionStatus.UNFINISHED_LITERALS + ")";

    /**
     * The reads of a job's running rows, for the start decisions (forbid, targets at once, node slots): on PostgreSQL
     * through the index of running rows (migration 28.1), whose size does not grow with the history. Their generic
     * plans otherwise read every row of the job's history in a job index (0.75 ms a forbid check at 2,000 runs a job).
     * RunningReadsPlansOnPostgresIT checks them.
     */
    static final List<String> RUNNING_READS = List.of(ONE_OTHER_RUNNING, TARGETS_RUNNING, SLOT_RUNNING_ON, RUNNING_OF_JOBS);

    /** The updates that find their rows by id (one, or a list of ids), whose plans ExecutionRowPlansOnPostgresIT checks. */
    static final List<String> ONE_ROW_UPDATES = List.of(MARK_STARTED, MARK_STARTED_IF_HELD, MARK_ALL_STARTED_IF_HELD, WRITE_OUTPUT, FINISH, ORPHAN,
            CANCEL_QUEUED, END_QUEUED, REQUEST_CANCEL, CLAIM);

    /** A run that started at {@code at}. */
    public record Start(long executionId, Instant at) {
    }

    /** A running row of a job, as the start decisions of its job's runs see it. */
    public record RunningRow(long id, String jobName, String target, Instant notBefore, boolean started, String incarnation) {

        /**
         * Whether this row keeps run {@code executionId} of its job against {@code target} from starting at {@code now},
         * as {@link #otherRunning} would answer: another run against the same target, due by then, and started or
         * claimed before it.
         */
        boolean countsAgainst(long executionId, String target, Instant now) {
            return id != executionId && this.target.equals(target) && !notBefore.isAfter(now)
                    && (started || id < executionId);
        }

        RunningRow startedNow() {
            return new RunningRow(id, jobName, target, notBefore, true, incarnation);
        }
    }

    /** A run's result. */
    public record Finish(long executionId, ExecutionStatus status, Instant startedAt, Instant finishedAt,
                         ExecutionResult result) {
    }

    /** A run no node runs any more: {@code orphaned}, or {@code cancelled} when its cancellation had been asked for. */
    public record Orphan(long executionId, ExecutionStatus status, String error) {
    }

    private ExecutionRows() {
    }

    /** Inserts the rows, as one batch; returns, row by row, whether it was inserted (false: the run was there already). */
    public static boolean[] insert(Connection connection, List<NewExecution> rows) throws SQLException {
        return written(Jdbc.batch(connection, INSERT, rows, ExecutionRows::bind));
    }

    /** Inserts the row; returns whether it was inserted (false: the run was there already). */
    public static boolean insert(Connection connection, NewExecution row) throws SQLException {
        return Jdbc.update(connection, INSERT, statement -> bind(statement, row)) == 1;
    }

    private static void bind(PreparedStatement insert, NewExecution row) throws SQLException {
        insert.setLong(1, row.id());
        insert.setString(2, row.jobName());
        insert.setLong(3, row.groupId());
        insert.setInt(4, row.attempt());
        insert.setString(5, row.trigger().code());
        insert.setString(6, row.status().code());
        SqlTime.set(insert, 7, row.scheduledAt());
        SqlTime.set(insert, 8, row.fireAt());
        insert.setString(9, row.nodeName());
        SqlTime.set(insert, 10, row.createdAt());
        SqlTime.set(insert, 11, row.notBefore());
        SqlTime.set(insert, 12, row.finishedAt());
        insert.setString(13, storable(row.error()));
        insert.setString(14, row.incarnation());
        insert.setObject(15, row.dependencyGroup(), Types.BIGINT);
        insert.setString(16, row.concurrency() == null ? null : row.concurrency().code());
        insert.setString(17, row.startedBy());
        insert.setString(18, row.target());
    }

    /**
     * Marks the queued runs running on {@code node}, held by its {@code incarnation}, as one batch; returns, run by run,
     * whether it was still queued.
     */
    public static boolean[] claim(Connection connection, String node, String incarnation, List<Long> executionIds)
            throws SQLException {
        return written(Jdbc.batch(connection, CLAIM, executionIds, (claim, id) -> {
            claim.setString(1, node);
            claim.setString(2, incarnation);
            claim.setLong(3, id);
        }));
    }

    /** Writes when the run started if it is still running under {@code incarnation}; returns whether it is. */
    public static boolean markStartedIfHeld(Connection connection, long executionId, String incarnation, Instant at)
            throws SQLException {
        return Jdbc.update(connection, MARK_STARTED_IF_HELD, update -> {
            bindStart(update, new Start(executionId, at));
            update.setString(3, incarnation);
        }) == 1;
    }

    /**
     * Writes when the runs started, unless a run is no longer running or its start is written already (by the
     * concurrency check); returns, run by run, whether it wrote.
     */
    public static boolean[] markStarted(Connection connection, List<Start> starts) throws SQLException {
        return written(Jdbc.batch(connection, MARK_STARTED, starts, ExecutionRows::bindStart));
    }

    private static void bindStart(PreparedStatement update, Start start) throws SQLException {
        SqlTime.set(update, 1, start.at());
        update.setLong(2, start.executionId());
    }

    /** Writes what the runs, by execution id, have printed so far, as one batch; only over runs still running. */
    public static void writeOutput(Connection connection, Map<Long, RunningOutput.Snapshot> outputs) throws SQLException {
        Jdbc.batch(connection, WRITE_OUTPUT, outputs.entrySet(), (update, output) -> {
            update.setString(1, storable(output.getValue().stdout()));
            update.setString(2, storable(output.getValue().stderr()));
            update.setBoolean(3, output.getValue().truncated());
            update.setLong(4, output.getKey());
        });
    }

    /**
     * Writes the runs' results, as one batch; returns, run by run, whether it was written (false: no longer running,
     * or no longer held by {@code incarnation}).
     */
    public static boolean[] finish(Connection connection, String incarnation, List<Finish> results) throws SQLException {
        return written(Jdbc.batch(connection, FINISH, results, (update, f) -> {
            ExecutionResult r = f.result();
            update.setString(1, f.status().code());
            SqlTime.set(update, 2, f.startedAt());
            SqlTime.set(update, 3, f.finishedAt());
            update.setObject(4, r.exitCode(), Types.INTEGER);
            update.setString(5, storable(r.stdout()));
            update.setString(6, storable(r.stderr()));
            update.setBoolean(7, r.outputTruncated());
            update.setString(8, storable(r.error()));
            update.setLong(9, f.executionId());
            update.setString(10, incarnation);
        }));
    }

    /** Ends the runs no node runs any more at {@code at}, as one batch; only runs still running. */
    public static boolean[] orphan(Connection connection, Instant at, List<Orphan> orphans) throws SQLException {
        return written(Jdbc.batch(connection, ORPHAN, orphans, (update, orphan) -> {
            update.setString(1, orphan.status().code());
            SqlTime.set(update, 2, at);
            update.setString(3, storable(orphan.error()));
            update.setLong(4, orphan.executionId());
        }));
    }

    /** Cancels the run if it is still queued; returns whether it was. */
    public static boolean cancelQueued(Connection connection, long executionId, Instant at, String error) throws SQLException {
        return Jdbc.update(connection, CANCEL_QUEUED, update -> {
            SqlTime.set(update, 1, at);
            update.setString(2, storable(error));
            update.setLong(3, executionId);
        }) == 1;
    }

    /** A queued run that will not run: {@code missed} (its fire expired) or {@code failed} (its job is broken). */
    public record Dropped(long executionId, ExecutionStatus status, String error) {
    }

    /** Ends the runs that are still queued, as one batch; returns, run by run, whether it was still queued. */
    public static boolean[] endQueued(Connection connection, Instant at, List<Dropped> runs) throws SQLException {
        return written(Jdbc.batch(connection, END_QUEUED, runs, (update, run) -> {
            update.setString(1, run.status().code());
            SqlTime.set(update, 2, at);
            update.setString(3, run.error());
            update.setLong(4, run.executionId());
        }));
    }

    /** Asks the node running the run to stop it; returns whether it is running. */
    public static boolean requestCancel(Connection connection, long executionId, Instant at) throws SQLException {
        return Jdbc.update(connection, REQUEST_CANCEL, update -> {
            SqlTime.set(update, 1, at);
            update.setLong(2, executionId);
        }) == 1;
    }

    /** Another run of the job against {@code target} running at {@code now} beside the given one (see OTHERS_RUNNING), if any. */
    public static Optional<Long> otherRunning(Connection connection, String job, String target, long executionId, Instant now)
            throws SQLException {
        return Jdbc.query(connection, ONE_OTHER_RUNNING, select -> {
            bindOthers(select, 1, job, target, executionId, now);
            select.setMaxRows(1);
        }, rs -> rs.getLong(1)).stream().findFirst();
    }

    /** The running rows of the jobs. */
    public static List<RunningRow> runningOf(Connection connection, Collection<String> jobs) throws SQLException {
        Array names = connection.createArrayOf("varchar", jobs.toArray());
        return Jdbc.query(connection, RUNNING_OF_JOBS, select -> select.setArray(1, names),
                rs -> new RunningRow(rs.getLong(1), rs.getString(2), rs.getString(3), SqlTime.get(rs, 4), rs.getBoolean(5),
                        rs.getString(6)));
    }

    /**
     * As {@link #markStartedIfHeld}, for several runs started at {@code at}, in one statement; returns, run by run,
     * whether it wrote. Only when some run was taken away meanwhile (the statement wrote fewer rows than it was given)
     * are the runs written again one by one to tell which: a run already marked is marked again with the same instant.
     */
    public static boolean[] markStartedIfHeld(Connection connection, List<Long> executionIds, String incarnation, Instant at)
            throws SQLException {
        boolean[] written = new boolean[executionIds.size()];
        if (executionIds.isEmpty()) {
            return written;
        }
        Array ids = connection.createArrayOf("bigint", executionIds.toArray());
        int count = Jdbc.update(connection, MARK_ALL_STARTED_IF_HELD, update -> {
            SqlTime.set(update, 1, at);
            update.setArray(2, ids);
            update.setString(3, incarnation);
        });
        if (count == executionIds.size()) {
            Arrays.fill(written, true);
            return written;
        }
        return written(Jdbc.batch(connection, MARK_STARTED_IF_HELD, executionIds, (update, id) -> {
            bindStart(update, new Start(id, at));
            update.setString(3, incarnation);
        }));
    }

    /**
     * Asks the nodes running the job's other runs against {@code target} at {@code now} (see OTHERS_RUNNING) to stop
     * them; returns how many.
     */
    public static int requestCancelOfOthers(Connection connection, String job, String target, long executionId, Instant now)
            throws SQLException {
        return Jdbc.update(connection, REQUEST_CANCEL_OF_OTHERS, update -> {
            SqlTime.set(update, 1, now);
            bindOthers(update, 2, job, target, executionId, now);
        });
    }

    private static void bindOthers(PreparedStatement statement, int first, String job, String target, long executionId,
                                   Instant now) throws SQLException {
        statement.setString(first, job);
        statement.setLong(first + 1, executionId);
        SqlTime.set(statement, first + 2, now);
        statement.setLong(first + 3, executionId);
        statement.setString(first + 4, target);
    }

    /** Whether {@code node} runs one of the node slots of the job's run {@code groupId} now. */
    public static boolean slotRunningOn(Connection connection, String job, long groupId, String node) throws SQLException {
        return !Jdbc.query(connection, SLOT_RUNNING_ON, select -> {
            select.setString(1, job);
            select.setLong(2, groupId);
            select.setString(3, node);
            select.setMaxRows(1);
        }, rs -> rs.getLong(1)).isEmpty();
    }

    /** How many executions of the job against a target, other than the given one, have started and still run. */
    public static int targetsRunning(Connection connection, String job, long executionId) throws SQLException {
        return Jdbc.query(connection, TARGETS_RUNNING, select -> {
            select.setString(1, job);
            select.setLong(2, executionId);
        }, rs -> rs.getInt(1)).get(0);
    }

    /** Whether the run's cancellation was asked for. */
    public static boolean cancelRequested(Connection connection, long executionId) throws SQLException {
        return Jdbc.query(connection, CANCEL_REQUESTED, select -> select.setLong(1, executionId),
                rs -> SqlTime.get(rs, 1) != null).stream().findFirst().orElse(false);
    }

    /** Deletes the executions, as one batch. */
    public static void delete(Connection connection, Collection<Long> executionIds) throws SQLException {
        Jdbc.batch(connection, DELETE, executionIds, (delete, id) -> delete.setLong(1, id));
    }

    /**
     * The text as stored: every text a run produced (its output, an error quoting an HTTP body) goes through here.
     * PostgreSQL refuses U+0000 in text (and the whole batch with it), so each NUL becomes U+FFFD, the sign that
     * already stands for bytes that are not UTF-8 in an output: the reader sees where it was, on either database.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', NOT_TEXT);
    }

    static final char NOT_TEXT = '\uFFFD';

    /** A batch's counts as row by row answers; a driver that cannot tell ({@link java.sql.Statement#SUCCESS_NO_INFO}) wrote. */
    private static boolean[] written(int[] counts) {
        boolean[] written = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            written[i] = counts[i] != 0;
        }
        return written;
    }
}
