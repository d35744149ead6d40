package io.pendule.clock.control;

import io.pendule.cluster.control.Leases;
import io.pendule.cluster.control.NodeTags;
import io.pendule.executions.control.ExecutionRunner;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.FollowUps;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims queued executions (manual runs, retries, fires no node could take at once) for this node, the same
 * way the clock claims due jobs: lock a batch with SKIP LOCKED, keep those whose job's tags select this node,
 * mark them running on this node. A run of a {@code forbid} or {@code replace} job meets the job's other runs when it
 * starts ({@link Overlaps}), with the policy it was queued with if its caller chose one.
 */
@ApplicationScoped
public class QueuedRuns {

    private static final String WAITING = "SELECT id, job_name, group_id, attempt, not_before, concurrency FROM execution "
            + "WHERE status = 'queued' AND not_before <= ? ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String JOBS = "SELECT name, tags, executor, executor_config, retries, timeout, concurrency, "
            + "EXISTS (SELECT 1 FROM job_gate g WHERE g.job_name = job.name) AS gated, " + FollowUps.COLUMNS
            + " FROM job WHERE name IN (%s)";
    private static final String CLAIM = "UPDATE execution SET status = 'running', node_name = ?, lease_until = ? WHERE id = ?";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    ExecutionRunner runner;
    @Inject
    Settings settings;

    private String node;
    private NodeTags nodeTags;

    @PostConstruct
    void readSettings() {
        node = settings.nodeName();
        nodeTags = NodeTags.parse(settings.nodeTags());
    }

    /** {@code concurrency}: the policy the run was queued with, null for its job's. */
    private record Waiting(long id, String jobName, long groupId, int attempt, Instant notBefore, Concurrency concurrency) {
    }

    private record HowToRun(Map<String, String> tags, String executor, Map<String, String> config, int retries,
                            String timeout, boolean gated, Concurrency concurrency, FollowUps followUps) {
    }

    /** Claims up to {@code limit} executions waiting to start by {@code horizon}; returns how many were locked. */
    public int claim(Instant horizon, int limit) {
        return runner.claimAndRun(limit, (room, mine) ->
                room == 0 ? 0 : jdbc.inTransaction(connection -> claim(connection, horizon, room, mine)));
    }

    private int claim(Connection connection, Instant horizon, int limit, List<ClaimedRun> mine) throws SQLException {
        mine.clear();
        Instant now = time.instant();
        List<Waiting> waiting = lockWaiting(connection, horizon, limit);
        Map<String, HowToRun> jobs = howToRun(connection, waiting.stream().map(Waiting::jobName).distinct().toList());
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            for (Waiting w : waiting) {
                HowToRun job = jobs.get(w.jobName());
                if (job == null || !nodeTags.selectedBy(job.tags())) {
                    continue;
                }
                claim.setString(1, node);
                SqlTime.set(claim, 2, Leases.firstUntil(w.notBefore(), now));
                claim.setLong(3, w.id());
                claim.addBatch();
                mine.add(new ClaimedRun(w.id(), w.jobName(), w.groupId(), w.attempt(), w.notBefore(),
                        job.executor(), job.config(), job.retries(), job.timeout(), job.gated(),
                        w.concurrency() != null ? w.concurrency() : job.concurrency(), job.followUps()));
            }
            claim.executeBatch();
        }
        return waiting.size();
    }

    private List<Waiting> lockWaiting(Connection connection, Instant horizon, int limit) throws SQLException {
        List<Waiting> waiting = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(WAITING)) {
            SqlTime.set(select, 1, horizon);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    waiting.add(new Waiting(rs.getLong("id"), rs.getString("job_name"), rs.getLong("group_id"),
                            rs.getInt("attempt"), SqlTime.get(rs, "not_before"), Concurrency.ofColumn(rs.getString("concurrency"))));
                }
            }
        }
        return waiting;
    }

    /** One query for all the jobs of the batch. */
    private static Map<String, HowToRun> howToRun(Connection connection, List<String> names) throws SQLException {
        Map<String, HowToRun> jobs = new HashMap<>();
        if (names.isEmpty()) {
            return jobs;
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(JOBS.formatted(placeholders))) {
            for (int i = 0; i < names.size(); i++) {
                select.setString(i + 1, names.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    jobs.put(rs.getString("name"), new HowToRun(Json.readStringMap(rs.getString("tags")),
                            rs.getString("executor"), Json.readStringMap(rs.getString("executor_config")), rs.getInt("retries"),
                            rs.getString("timeout"), rs.getBoolean("gated"), Concurrency.ofColumn(rs.getString("concurrency")), FollowUps.read(rs)));
                }
            }
        }
        return jobs;
    }
}
