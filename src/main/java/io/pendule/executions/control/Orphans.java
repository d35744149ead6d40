package io.pendule.executions.control;

import io.pendule.metrics.control.Metrics;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.FollowUps;
import io.pendule.database.control.DatabaseClock;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs that no node runs any more. A run is held by the process incarnation that claimed it, and its lease is that
 * incarnation's heartbeat (cluster.control.NodeHeartbeat, see {@link NodeLease}). A run whose incarnation has not
 * heartbeated for the lease plus a grace, by the database's clock, or was replaced by a newer one of its node (a
 * restart), belongs to a process that stopped (crash, kill -9, lost network, long pause): any node whose own heartbeat
 * is fresh declares it orphaned, then queues its retry per its job's policy. A node that restarts orphans its own
 * leftovers at once, and a node orphans at once the rows it claimed but does not hold (ExecutionRunner). A run whose
 * cancellation had been asked for is recorded cancelled instead, and not retried.
 */
@ApplicationScoped
public class Orphans {

    /** Beyond the lease: a node fenced at 20 s stops its runs at 30 s; the grace covers that stop and its record. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final int BATCH = 500;

    private static final String LOST = "SELECT id, job_name, group_id, attempt, target, node_name, started_at, cancel_requested_at "
            + "FROM execution WHERE status = " + ExecutionStatus.RUNNING.literal();
    /** Rows claimed before incarnations (V16) still go by their own lease, which nobody renews any more. */
    private static final String EXPIRED = LOST + " AND (incarnation IS NULL AND (lease_until IS NULL OR lease_until < ?) "
            + "OR incarnation IS NOT NULL "
            + "AND NOT EXISTS (SELECT 1 FROM node WHERE node.incarnation = execution.incarnation AND node.heartbeat_at >= ?)) "
            + "ORDER BY id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";
    private static final String LEFT_BY_NODE = LOST + " AND node_name = ? AND (incarnation IS NULL OR incarnation <> ?) "
            + "FOR UPDATE";
    private static final String NOT_HELD = LOST + " AND incarnation = ? AND id IN (%s) FOR UPDATE SKIP LOCKED";

    @Inject
    Jdbc jdbc;
    @Inject
    Retries retries;
    @Inject
    RunOutcomes outcomes;
    @Inject
    DatabaseClock databaseClock;
    @Inject
    DayCounts dayCounts;
    @Inject
    Metrics metrics;

    private record Lost(long id, String jobName, long groupId, int attempt, String target, String node, Instant startedAt,
                        boolean cancelRequested) {
    }

    /**
     * Declares orphaned the runs whose incarnation's heartbeat is older than the lease plus the grace by the database's
     * clock, or whose incarnation is gone; recorded as finished at {@code now}. Returns how many.
     */
    public int declareExpired(Instant now) {
        return declare(now, connection -> {
            Instant before = databaseClock.now(connection).minus(GRACE);
            return Jdbc.query(connection, EXPIRED, select -> {
                SqlTime.set(select, 1, before);
                SqlTime.set(select, 2, before.minus(NodeLease.LENGTH));
            }, Orphans::read);
        }, lost -> "lease expired: node " + lost.node() + " stopped renewing");
    }

    /**
     * Declares orphaned the runs {@code node} left running when an earlier process of it stopped (called by the new
     * one, {@code incarnation}, as it starts).
     */
    public int declareLeftBy(String node, String incarnation, Instant now) {
        return declare(now, connection -> Jdbc.query(connection, LEFT_BY_NODE, select -> {
            select.setString(1, node);
            select.setString(2, incarnation);
        }, Orphans::read), lost -> "node " + lost.node() + " restarted while this execution was running");
    }

    /**
     * Declares orphaned the runs {@code incarnation} claimed but does not hold (a claim whose commit answer was lost, a
     * start refused while the node stopped): nothing will run them. Returns how many.
     */
    public int declareNotHeld(String incarnation, Collection<Long> executionIds, Instant now) {
        if (executionIds.isEmpty()) {
            return 0;
        }
        String sql = NOT_HELD.formatted(String.join(", ", Collections.nCopies(executionIds.size(), "?")));
        return declare(now, connection -> Jdbc.query(connection, sql, select -> {
            select.setString(1, incarnation);
            int i = 2;
            for (long id : executionIds) {
                select.setLong(i++, id);
            }
        }, Orphans::read), lost -> "claimed by node " + lost.node() + ", which never ran it (its claim's answer was lost,"
                + " or it was stopping)");
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
                    toRetry.add(new Retries.Attempt(l.jobName(), l.groupId(), l.attempt(), l.target()));
                } else {
                    finals.add(new FollowUpRows.Pending(l.id(), FollowUps.UNKNOWN));
                }
            }
            ExecutionRows.orphan(connection, now, orphans);
            retries.queueAfter(connection, toRetry, jobs, now);
            outcomes.write(connection, finals);
            // a run that died (or was stopped) on its way counts as failed on the day it was declared, as /v1/stats shows
            dayCounts.add(connection, lost.stream().map(l -> new DayCounts.Finished(now, false)).toList());
            return lost.size();
        });
        outcomes.wake(List.copyOf(finals));
        metrics.orphansDeclared(declared);
        return declared;
    }

    private static Lost read(ResultSet rs) throws SQLException {
        return new Lost(rs.getLong("id"), rs.getString("job_name"), rs.getLong("group_id"), rs.getInt("attempt"),
                rs.getString("target"), rs.getString("node_name"), SqlTime.get(rs, "started_at"), SqlTime.get(rs, "cancel_requested_at") != null);
    }
}
