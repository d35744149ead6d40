package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.Concurrency;
import io.pendule.database.control.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
                        .map(other -> "skipped: execution " + other + " of this job is still running (concurrency forbid)");
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
