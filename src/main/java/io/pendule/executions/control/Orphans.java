package io.pendule.executions.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.FollowUps;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs that no node runs any more. A node renews the leases of the runs it holds every few seconds (cluster.control.
 * NodeHeartbeat); a run whose lease ran out belongs to a node that stopped (crash, kill -9, lost network, long pause), and any
 * node declares it orphaned, then queues its retry per its job's policy. A node that restarts orphans its own leftovers
 * at once. A run whose cancellation had been asked for is recorded cancelled instead, and not retried.
 */
@ApplicationScoped
public class Orphans {

    /** Beyond the lease, for the clocks of two nodes to disagree a little. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    private static final String LOST = "SELECT id, job_name, group_id, attempt, node_name, started_at, cancel_requested_at "
            + "FROM execution WHERE status = " + ExecutionStatus.RUNNING.literal();
    private static final String EXPIRED = LOST + " AND lease_until < ? ORDER BY lease_until LIMIT " + BATCH
            + " FOR UPDATE SKIP LOCKED";
    private static final String LEFT_BY_NODE = LOST + " AND node_name = ? FOR UPDATE";

    @Inject
    Jdbc jdbc;
    @Inject
    Retries retries;
    @Inject
    RunOutcomes outcomes;

    private record Lost(long id, String jobName, long groupId, int attempt, String node, Instant startedAt,
                        boolean cancelRequested) {
    }

    /** Declares the runs whose lease ran out before {@code now} (less the grace) orphaned; returns how many. */
    public int declareExpired(Instant now) {
        return declare(now, connection -> Jdbc.query(connection, EXPIRED, select -> SqlTime.set(select, 1, now.minus(GRACE)),
                Orphans::read), lost -> "lease expired: node " + lost.node() + " stopped renewing");
    }

    /** Declares the runs {@code node} left running when it stopped orphaned (called by that node as it starts again). */
    public int declareLeftBy(String node, Instant now) {
        return declare(now, connection -> Jdbc.query(connection, LEFT_BY_NODE, select -> select.setString(1, node),
                Orphans::read), lost -> "node " + lost.node() + " restarted while this execution was running");
    }

    private int declare(Instant now, Jdbc.Work<List<Lost>> find, Function<Lost, String> why) {
        List<FollowUpRows.Pending> finals = new ArrayList<>();
        int declared = jdbc.inTransaction(connection -> {
            finals.clear();
            List<Lost> lost = find.apply(connection);
            if (lost.isEmpty()) {
                return 0;
            }
            Map<String, Retries.JobRetries> jobs = retries.of(connection, lost.stream().map(Lost::jobName).toList());
            List<ExecutionRows.Orphan> orphans = new ArrayList<>();
            List<Retries.Attempt> toRetry = new ArrayList<>();
            for (Lost l : lost) {
                ExecutionStatus status = l.cancelRequested() ? ExecutionStatus.CANCELLED : ExecutionStatus.ORPHANED;
                String error = l.cancelRequested() ? CancelRequests.ERROR + " (" + why.apply(l) + ")" : why.apply(l);
                orphans.add(new ExecutionRows.Orphan(l.id(), status, error));
                Retries.JobRetries job = jobs.get(l.jobName());
                if (!l.cancelRequested() && job != null && job.allowAnotherAfter(l.attempt())) {
                    toRetry.add(new Retries.Attempt(l.jobName(), l.groupId(), l.attempt()));
                } else {
                    finals.add(new FollowUpRows.Pending(l.id(), FollowUps.UNKNOWN));
                }
            }
            ExecutionRows.orphan(connection, now, orphans);
            retries.queueAfter(connection, toRetry, jobs, now);
            outcomes.write(connection, finals);
            return lost.size();
        });
        outcomes.wake(List.copyOf(finals));
        return declared;
    }

    private static Lost read(ResultSet rs) throws SQLException {
        return new Lost(rs.getLong("id"), rs.getString("job_name"), rs.getLong("group_id"), rs.getInt("attempt"),
                rs.getString("node_name"), SqlTime.get(rs, "started_at"), SqlTime.get(rs, "cancel_requested_at") != null);
    }
}
