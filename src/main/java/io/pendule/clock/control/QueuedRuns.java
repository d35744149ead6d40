package io.pendule.clock.control;

import io.pendule.cluster.control.NodeTags;
import io.pendule.executions.control.ExecutionRows;
import io.pendule.executions.control.NodeLease;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.NodeCount;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RunSpec;
import io.pendule.executions.entity.Trigger;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

/**
 * Claims queued executions (manual runs, retries, fires no node could take at once) for this node, the same
 * way the clock claims due jobs: lock a batch with SKIP LOCKED of those whose job's tags select this node (filtered
 * in the database, so that runs waiting for other nodes never fill the batch: a job tagged for a zone no node serves
 * would otherwise keep every other run out of the queue),
 * mark them running on this node ({@link ExecutionRows#claim}). A run of a {@code forbid} or {@code replace} job meets
 * the job's other runs when it starts (executions.control.Overlaps), with the policy it was queued with if its caller
 * chose one.
 */
@ApplicationScoped
public class QueuedRuns {

    /** %s: the node's tag filter ({@link NodeTags#filterSql}), so that runs it may not take do not fill its batch. */
    private static final String WAITING = "SELECT id, job_name, group_id, attempt, not_before, concurrency, target, trigger FROM execution "
            + "WHERE status = " + ExecutionStatus.QUEUED.literal() + " AND not_before <= ? AND %s ORDER BY not_before "
            + "LIMIT ? FOR UPDATE SKIP LOCKED";
    /** %s: as in {@link #WAITING}; counts at most the limit, so that a long queue costs no more than a short one. */
    private static final String WAITING_COUNT = "SELECT count(*) FROM (SELECT 1 FROM execution WHERE status = "
            + ExecutionStatus.QUEUED.literal() + " AND not_before <= ? AND %s LIMIT ?) waiting";
    private static final String JOBS = "SELECT name, " + RunSpec.COLUMNS + " FROM job WHERE name IN (%s)";

    @Inject
    Jdbc jdbc;
    @Inject
    Settings settings;
    @Inject
    NodeLease lease;
    @Inject
    InstantSource time;

    private String node;
    private NodeTags nodeTags;
    private String waiting;
    private String waitingCount;
    private List<String> tagParameters;

    @PostConstruct
    void readSettings() {
        node = settings.nodeName();
        nodeTags = NodeTags.of(settings);
        waiting = WAITING.formatted(nodeTags.filterSql("execution.job_name"));
        waitingCount = WAITING_COUNT.formatted(nodeTags.filterSql("execution.job_name"));
        tagParameters = nodeTags.filterParameters();
    }

    /** {@code concurrency}: the policy the run was queued with, null for its job's. */
    private record Waiting(long id, String jobName, long groupId, int attempt, Instant notBefore, Concurrency concurrency,
                           String target, Trigger trigger) {
    }

    /**
     * Claims up to {@code room} executions waiting to start by {@code horizon} (the capacity the caller reserved on the
     * runner), in one transaction; returns how many were locked and the runs claimed. No room, no transaction.
     */
    public Claims claim(Instant horizon, int room) {
        return claim(horizon, room, new ArrayList<>());
    }

    /**
     * As {@link #claim(Instant, int)}; {@code attempted} receives the runs this node tries to claim before the
     * transaction commits, for the caller to find out what a commit whose answer was lost did.
     */
    public Claims claim(Instant horizon, int room, List<ClaimedRun> attempted) {
        return room == 0 ? Claims.NONE : jdbc.inTransaction(connection -> {
            attempted.clear();
            return claim(connection, horizon, room, attempted);
        });
    }

    /** How many executions this node may run wait to start by {@code horizon}, counted up to {@code limit}. */
    public int waiting(Instant horizon, int limit) {
        return limit == 0 ? 0 : jdbc.inTransaction(connection -> Jdbc.query(connection, waitingCount,
                select -> bindWaiting(select, horizon, limit), rs -> rs.getInt(1)).get(0));
    }

    private Claims claim(Connection connection, Instant horizon, int limit, List<ClaimedRun> attempted)
            throws SQLException {
        List<Waiting> waiting = lockWaiting(connection, horizon, limit);
        Instant now = time.instant();
        Map<String, String> broken = new LinkedHashMap<>();
        Map<String, RunSpec> jobs = specs(connection, waiting.stream().map(Waiting::jobName).distinct().toList(), broken);
        List<Long> ids = new ArrayList<>();
        List<ClaimedRun> candidates = new ArrayList<>();
        List<ExecutionRows.Dropped> dropped = new ArrayList<>();
        Set<String> slotsTaken = new HashSet<>();
        for (Waiting w : waiting) {
            if (broken.containsKey(w.jobName())) {
                dropped.add(new ExecutionRows.Dropped(w.id(), ExecutionStatus.FAILED,
                        "failed: the job is broken, it runs no more until it is saved again: " + broken.get(w.jobName())));
                continue;
            }
            RunSpec job = jobs.get(w.jobName());
            if (job == null || !nodeTags.selectedBy(job.tags())) {
                continue;
            }
            if (NodeCount.isSlot(w.target()) && (!slotsTaken.add(w.jobName() + "\n" + w.groupId())
                    || ExecutionRows.slotRunningOn(connection, w.jobName(), w.groupId(), node))) {
                continue; // a node runs one of a run's node slots at a time: the others are for other nodes
            }
            ids.add(w.id());
            candidates.add(new ClaimedRun(w.id(), w.jobName(), w.groupId(), w.attempt(), w.notBefore(), w.concurrency(), job, w.target(),
                    w.trigger()));
        }
        // a poison row is recorded and set aside, not left to roll back every claim of every node
        ExecutionRows.endQueued(connection, now, dropped);
        BrokenJobs.mark(connection, broken);
        attempted.addAll(candidates);
        boolean[] claimed = ExecutionRows.claim(connection, node, lease.incarnation(), ids);
        List<ClaimedRun> mine = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (claimed[i]) {
                mine.add(candidates.get(i));
            }
        }
        return new Claims(waiting.size(), mine);
    }

    private List<Waiting> lockWaiting(Connection connection, Instant horizon, int limit) throws SQLException {
        return Jdbc.query(connection, waiting, select -> bindWaiting(select, horizon, limit), rs -> new Waiting(rs.getLong("id"), rs.getString("job_name"), rs.getLong("group_id"), rs.getInt("attempt"),
                SqlTime.get(rs, "not_before"), Concurrency.ofColumn(rs.getString("concurrency")), rs.getString("target"),
                Trigger.ofCode(rs.getString("trigger"))));
    }

    private void bindWaiting(PreparedStatement select, Instant horizon, int limit) throws SQLException {
        SqlTime.set(select, 1, horizon);
        for (int i = 0; i < tagParameters.size(); i++) {
            select.setString(i + 2, tagParameters.get(i));
        }
        select.setInt(tagParameters.size() + 2, limit);
    }

    /** How the jobs of the batch run, in one query; those whose row cannot be read go to {@code broken}, with why. */
    private static Map<String, RunSpec> specs(Connection connection, List<String> names, Map<String, String> broken)
            throws SQLException {
        if (names.isEmpty()) {
            return Map.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(names.size(), "?"));
        Map<String, RunSpec> specs = new HashMap<>();
        Jdbc.query(connection, JOBS.formatted(placeholders), select -> {
            for (int i = 0; i < names.size(); i++) {
                select.setString(i + 1, names.get(i));
            }
        }, rs -> {
            String name = rs.getString("name");
            try {
                specs.put(name, RunSpec.read(rs));
            } catch (RuntimeException e) {
                broken.put(name, BrokenJobs.storedJsonReason(e));
            }
            return name;
        });
        return specs;
    }
}
