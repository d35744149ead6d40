package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.Concurrency;
import io.pendule.database.control.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The job's concurrency policy, applied when a run of a {@code forbid} or {@code replace} job is about to start
 * (not when it is claimed, up to a second ahead: the run before it would still look running then), and the limit of a
 * fanned-out run's targets running at once. One short transaction holds a lock of the job's, so that runs starting
 * together on several nodes are decided one after the other: {@code forbid} skips the run if another one of the job is
 * running against the same target; {@code replace} asks the running ones against the same target to stop (their
 * {@code cancel_requested_at}) and starts; a run beyond the limit waits for a slot. The run that starts marks itself
 * started in the same transaction, so the next run decided sees it, and only while its row is still this process's: an
 * answer that came after the run was orphaned (the node cut off meanwhile) starts nothing.
 */
@ApplicationScoped
public class Overlaps {

    /**
     * On PostgreSQL, the decisions of one job wait for each other on a lock of their own (transaction-scoped, keyed by
     * the job's name in a namespace of Pendule's), not on the job's row: the clock holds the rows of the jobs it fires
     * until its batch commits, and a job firing every second is fired again while its run starts (W3 in
     * docs/benchmarks.md). Two names of the same hash only wait for each other a moment.
     */
    static final String LOCK_JOB_DECISIONS = "SELECT pg_advisory_xact_lock(" + Overlaps.LOCK_NAMESPACE + ", hashtext(?))";
    /**
     * The same locks of several jobs, in one statement, taken in the order of their keys: two nodes deciding
     * overlapping sets of jobs then wait for each other rather than deadlock (a deadlock would only cost a retry).
     */
    static final String LOCK_JOBS_DECISIONS = "SELECT count(pg_advisory_xact_lock(" + Overlaps.LOCK_NAMESPACE + ", k)) "
            + "FROM (SELECT DISTINCT hashtext(j) AS k FROM unnest(?::text[]) AS j ORDER BY k OFFSET 0) AS keys";
    static final int LOCK_NAMESPACE = 0x70656e64; // "pend"
    /** H2 (the embedded database) has no advisory locks; one node uses it, whose clock and starts share the row. */
    private static final String LOCK_JOB_ROW = "SELECT name FROM job WHERE name = ? FOR UPDATE";

    /** The run's row is no longer running under this process: its result is written nowhere, the row says why. */
    static final String TAKEN_AWAY = "not started: no longer this node's (orphaned while its start was being checked)";

    /** Whether the run starts (then it is marked started), is refused (and why), or waits for a slot. */
    public record Answer(Optional<String> refusal, boolean waits) {

        static final Answer START = new Answer(Optional.empty(), false);
        static final Answer WAIT = new Answer(Optional.empty(), true);

        static Answer refused(String why) {
            return new Answer(Optional.of(why), false);
        }
    }

    @Inject
    Jdbc jdbc;
    @Inject
    NodeLease lease;

    /** The statement that locks a job's decisions, chosen on the first connection (the database does not change). */
    private volatile String lockJob;

    /** Why the run must not start, or empty if it starts (then it is marked started at {@code startedAt}). */
    public Optional<String> refusal(ClaimedRun run, Instant startedAt) {
        return decide(run, startedAt, 0).refusal();
    }

    /**
     * As {@link #refusal}, for a run against a target that waits while {@code targetsAtOnce} others of its job (when
     * above 0) run against theirs.
     */
    public Answer decide(ClaimedRun run, Instant startedAt, int targetsAtOnce) {
        return jdbc.inTransaction(connection -> {
            Jdbc.query(connection, lockJob(connection), lock -> lock.setString(1, run.jobName()), rs -> null);
            Optional<String> refusal = switch (run.exclusive() ? run.concurrency() : Concurrency.ALLOW) {
                case FORBID -> ExecutionRows.otherRunning(connection, run.jobName(), run.target(), run.executionId(), startedAt)
                        .map(Overlaps::forbidden);
                case REPLACE -> replace(connection, run, startedAt);
                case ALLOW -> Optional.<String>empty();
            };
            if (refusal.isPresent()) {
                return Answer.refused(refusal.get());
            }
            if (targetsAtOnce > 0 && ExecutionRows.targetsRunning(connection, run.jobName(), run.executionId()) >= targetsAtOnce) {
                return Answer.WAIT;
            }
            if (!ExecutionRows.markStartedIfHeld(connection, run.executionId(), lease.incarnation(), startedAt)) {
                return Answer.refused(TAKEN_AWAY);
            }
            return Answer.START;
        });
    }

    /**
     * Whether the run's start is decided with the others due by then ({@link #forbidAll}): a run of a {@code forbid}
     * job, not gated and against no target. A start decision is a transaction, and at an instant when a thousand of
     * them start, one transaction each made the starts late (W3 in docs/benchmarks.md).
     */
    public static boolean decidedTogether(ClaimedRun run) {
        return run.exclusive() && run.concurrency() == Concurrency.FORBID && !run.spec().gated() && run.target().isEmpty();
    }

    /**
     * The start decisions of several {@code forbid} runs (not gated, against no target limit) due now, made in one
     * transaction: the answer of each run by execution id, the same as {@link #refusal} would give them one after the
     * other in the order they were claimed. At an instant when a thousand such runs start, that is one transaction
     * and a few statements instead of a thousand transactions (W3 in docs/benchmarks.md). A run that starts is marked
     * started; one whose row is no longer this process's is refused ({@link #TAKEN_AWAY}).
     */
    public Map<Long, Answer> forbidAll(List<ClaimedRun> runs, Instant startedAt) {
        return jdbc.inTransaction(connection -> {
            List<String> jobs = runs.stream().map(ClaimedRun::jobName).distinct().sorted().toList();
            lockJobs(connection, jobs);
            String incarnation = lease.incarnation();
            Map<String, Map<Long, ExecutionRows.RunningRow>> runningByJob = new HashMap<>();
            for (ExecutionRows.RunningRow row : ExecutionRows.runningOf(connection, jobs)) {
                runningByJob.computeIfAbsent(row.jobName(), job -> new LinkedHashMap<>()).put(row.id(), row);
            }
            Map<Long, Answer> answers = new HashMap<>();
            List<Long> starting = new ArrayList<>();
            for (ClaimedRun run : runs.stream().sorted(Comparator.comparingLong(ClaimedRun::executionId)).toList()) {
                Map<Long, ExecutionRows.RunningRow> running = runningByJob.getOrDefault(run.jobName(), Map.of());
                ExecutionRows.RunningRow own = running.get(run.executionId());
                if (own == null || !Objects.equals(own.incarnation(), incarnation)) {
                    answers.put(run.executionId(), Answer.refused(TAKEN_AWAY));
                    continue;
                }
                Optional<Long> other = running.values().stream()
                        .filter(row -> row.countsAgainst(run.executionId(), run.target(), startedAt))
                        .map(ExecutionRows.RunningRow::id).findFirst();
                if (other.isPresent()) {
                    answers.put(run.executionId(), Answer.refused(forbidden(other.get())));
                } else {
                    running.put(own.id(), own.startedNow());
                    starting.add(own.id());
                }
            }
            boolean[] marked = ExecutionRows.markStartedIfHeld(connection, starting, incarnation, startedAt);
            for (int i = 0; i < starting.size(); i++) {
                answers.put(starting.get(i), marked[i] ? Answer.START : Answer.refused(TAKEN_AWAY));
            }
            return answers;
        });
    }

    private static String forbidden(long other) {
        return "skipped: execution " + other + " of this job is still running (concurrency forbid)";
    }

    private void lockJobs(Connection connection, List<String> jobs) throws SQLException {
        if (lockJob(connection).equals(LOCK_JOB_DECISIONS)) {
            Array names = connection.createArrayOf("text", jobs.toArray());
            Jdbc.query(connection, LOCK_JOBS_DECISIONS, lock -> lock.setArray(1, names), rs -> null);
            return;
        }
        for (String job : jobs) {
            Jdbc.query(connection, LOCK_JOB_ROW, lock -> lock.setString(1, job), rs -> null);
        }
    }

    private String lockJob(Connection connection) throws SQLException {
        if (lockJob == null) {
            lockJob = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL") ? LOCK_JOB_DECISIONS : LOCK_JOB_ROW;
        }
        return lockJob;
    }

    /** A run replaced by a newer one before it started does not start at all. */
    private static Optional<String> replace(Connection connection, ClaimedRun run, Instant now) throws SQLException {
        if (ExecutionRows.cancelRequested(connection, run.executionId())) {
            return Optional.of("skipped: replaced by a newer run of this job before it started (concurrency replace)");
        }
        ExecutionRows.requestCancelOfOthers(connection, run.jobName(), run.target(), run.executionId(), now);
        return Optional.empty();
    }
}
