package io.pendule.clock.control;

import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.cluster.control.Leases;
import io.pendule.cluster.control.NodeTags;
import io.pendule.executions.control.ExecutionIds;
import io.pendule.executions.control.ExecutionRunner;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.FollowUps;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import io.pendule.schedules.control.Schedules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires due jobs. In one transaction: lock a batch of jobs whose next fire time has come (skipping the rows
 * another node holds), insert one execution per fire, and move each job to its next fire time. The unique key
 * on (job, fire time) makes a double fire impossible even if two nodes race. Fires this node can run are
 * claimed by it at once; the others wait in the queue for a worker whose tags match. Fires found late are dealt
 * with by the job's misfire policy ({@link Misfires}): each one missed is recorded, status {@code missed}.
 */
@ApplicationScoped
public class DueFires {

    private static final Logger LOG = Logger.getLogger(DueFires.class.getName());

    private static final String DUE_JOBS = "SELECT name, schedule, timezone, next_fire_at, starts_at, expires_at, "
            + "concurrency, tags, executor, executor_config, retries, timeout, misfire_policy, misfire_max, starting_deadline, "
            + "EXISTS (SELECT 1 FROM job_gate g WHERE g.job_name = job.name) AS gated, " + FollowUps.COLUMNS + " FROM job "
            + "WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String MOVE_TO_NEXT_FIRE = "UPDATE job SET next_fire_at = ? WHERE name = ?";
    private static final String INSERT_FIRE = "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, "
            + "scheduled_at, fire_at, node_name, created_at, not_before, finished_at, error, lease_until) "
            + "VALUES (?, ?, ?, 1, 'schedule', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    Schedules schedules;
    @Inject
    ExecutionIds ids;
    @Inject
    ExecutionRunner runner;

    private final String node = Settings.nodeName();
    private final Duration misfireThreshold = Settings.misfireThreshold();
    private final NodeTags nodeTags = NodeTags.parse(Settings.nodeTags());

    private record DueJob(String name, String schedule, String timezone, Instant fireAt, Instant startsAt,
                          Instant expiresAt, Concurrency concurrency, Map<String, String> tags, String executor,
                          Map<String, String> executorConfig, int retries, String timeout, boolean gated,
                          MisfirePolicy misfire, FollowUps followUps) {
    }

    /** Fires the jobs due by {@code horizon}, at most {@code limit}; returns how many jobs were claimed. */
    public int fire(Instant horizon, int limit) {
        return runner.claimAndRun(limit, (room, mine) ->
                jdbc.inTransaction(connection -> fire(connection, horizon, limit, room, mine)));
    }

    private int fire(Connection connection, Instant horizon, int limit, int room, List<ClaimedRun> mine) throws SQLException {
        mine.clear();
        List<DueJob> due = lockDueJobs(connection, horizon, limit);
        Instant now = time.instant();
        try (PreparedStatement move = connection.prepareStatement(MOVE_TO_NEXT_FIRE);
             PreparedStatement insert = connection.prepareStatement(INSERT_FIRE)) {
            List<ClaimedRun> candidates = new ArrayList<>();
            List<Integer> candidateRows = new ArrayList<>();
            int rows = 0;
            for (DueJob job : due) {
                FirePlan plan = planOf(job, now);
                SqlTime.set(move, 1, plan.next());
                move.setString(2, job.name());
                move.addBatch();
                for (FirePlan.Missed missed : plan.missed()) {
                    addMissed(insert, ids.next(connection), job, missed, now);
                    rows++;
                }
                for (Instant fireAt : plan.runs()) {
                    long id = ids.next(connection);
                    boolean runHere = candidates.size() < room && nodeTags.selectedBy(job.tags());
                    addFire(insert, id, job, fireAt, now, runHere);
                    if (runHere) {
                        candidates.add(new ClaimedRun(id, job.name(), id, 1, fireAt, job.executor(), job.executorConfig(),
                                job.retries(), job.timeout(), job.gated(), job.concurrency(), job.followUps()));
                        candidateRows.add(rows);
                    }
                    rows++;
                }
            }
            move.executeBatch();
            int[] inserted = insert.executeBatch();
            for (int i = 0; i < candidates.size(); i++) {
                // a fire already recorded (the unique key refused it) must not run a second time
                if (inserted[candidateRows.get(i)] != 0) {
                    mine.add(candidates.get(i));
                }
            }
        }
        return due.size();
    }

    private FirePlan planOf(DueJob job, Instant now) {
        if (job.expiresAt() != null && job.fireAt().isAfter(job.expiresAt())) {
            return new FirePlan(List.of(), List.of(), null);
        }
        try {
            return Misfires.plan(job.fireAt(), after -> nextFireOf(job, after), job.misfire(), misfireThreshold, now);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Job " + job.name() + " has a schedule that no longer parses; it will not fire again", e);
            return new FirePlan(List.of(), List.of(), null);
        }
    }

    private Instant nextFireOf(DueJob job, Instant after) {
        return schedules.nextFire(job.schedule(), job.timezone(), job.name(), after, job.startsAt(), job.expiresAt())
                .orElse(null);
    }

    private List<DueJob> lockDueJobs(Connection connection, Instant horizon, int limit) throws SQLException {
        List<DueJob> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(DUE_JOBS)) {
            SqlTime.set(select, 1, horizon);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new DueJob(rs.getString("name"), rs.getString("schedule"), rs.getString("timezone"),
                            SqlTime.get(rs, "next_fire_at"), SqlTime.get(rs, "starts_at"), SqlTime.get(rs, "expires_at"),
                            Concurrency.ofColumn(rs.getString("concurrency")), Json.readStringMap(rs.getString("tags")),
                            rs.getString("executor"), Json.readStringMap(rs.getString("executor_config")), rs.getInt("retries"),
                            rs.getString("timeout"), rs.getBoolean("gated"),
                            misfirePolicy(rs),
                            FollowUps.read(rs)));
                }
            }
        }
        return due;
    }

    /** The job's misfire policy; without a starting deadline when its text no longer parses. */
    private static MisfirePolicy misfirePolicy(ResultSet rs) throws SQLException {
        MisfirePolicy.Kind kind = MisfirePolicy.Kind.ofColumn(rs.getString("misfire_policy"));
        String deadline = rs.getString("starting_deadline");
        MisfirePolicy policy = new MisfirePolicy(kind, rs.getInt("misfire_max"), deadline);
        try {
            policy.deadline();
            return policy;
        } catch (IllegalArgumentException e) {
            String job = rs.getString("name");
            LOG.warning(() -> "Job " + job + " has a starting_deadline that no longer parses (" + deadline + "): ignored");
            return new MisfirePolicy(kind, policy.max(), "");
        }
    }

    private void addFire(PreparedStatement insert, long id, DueJob job, Instant fireAt, Instant now, boolean runHere)
            throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, job.name());
        insert.setLong(3, id);
        insert.setString(4, runHere ? "running" : "queued");
        SqlTime.set(insert, 5, fireAt);
        SqlTime.set(insert, 6, fireAt);
        insert.setString(7, runHere ? node : null);
        SqlTime.set(insert, 8, now);
        SqlTime.set(insert, 9, fireAt);
        SqlTime.set(insert, 10, null);
        insert.setString(11, null);
        SqlTime.set(insert, 12, runHere ? Leases.firstUntil(fireAt, now) : null);
        insert.addBatch();
    }

    private static void addMissed(PreparedStatement insert, long id, DueJob job, FirePlan.Missed missed, Instant now)
            throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, job.name());
        insert.setLong(3, id);
        insert.setString(4, "missed");
        SqlTime.set(insert, 5, missed.fireAt());
        SqlTime.set(insert, 6, missed.fireAt());
        insert.setString(7, null);
        SqlTime.set(insert, 8, now);
        SqlTime.set(insert, 9, missed.fireAt());
        SqlTime.set(insert, 10, now);
        insert.setString(11, missed.reason());
        SqlTime.set(insert, 12, null);
        insert.addBatch();
    }
}
