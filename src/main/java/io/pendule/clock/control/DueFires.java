package io.pendule.clock.control;

import io.pendule.metrics.control.Metrics;
import io.pendule.metrics.entity.MissedReason;
import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.cluster.control.NodeTags;
import io.pendule.executions.control.ExecutionIds;
import io.pendule.executions.control.ExecutionRows;
import io.pendule.executions.control.FanOut;
import io.pendule.executions.control.NodeLease;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executions.entity.NodeCount;
import io.pendule.executions.entity.RunSpec;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import io.pendule.schedules.control.Schedules;
import jakarta.annotation.PostConstruct;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Fires due jobs. In one transaction: lock a batch of jobs whose next fire time has come (skipping the rows
 * another node holds), insert one execution per fire (one per target when the job's run fans out, see {@link FanOut}),
 * and move each job to its next fire time. The unique key on (job, fire time, target) makes a double fire impossible
 * even if two nodes race. Fires this node can run are
 * claimed by it at once as far as its room goes; the others wait in the queue, for a worker whose tags match or for
 * room, as far as the queue's bound goes (the rest stay due, unfired). Fires found late are dealt
 * with by the job's misfire policy ({@link Misfires}): each one missed is recorded, status {@code missed}. A job
 * whose schedule or stored JSON no longer parses has its fire recorded missed with the reason and is set aside
 * ({@link BrokenJobs}) within the batch, which goes on. The rows are written by {@link ExecutionRows}.
 */
@ApplicationScoped
public class DueFires {

    private static final Logger LOG = Logger.getLogger(DueFires.class.getName());

    private static final String DUE_JOBS = "SELECT name, schedule, timezone, next_fire_at, starts_at, expires_at, "
            + "misfire_policy, misfire_max, starting_deadline, " + RunSpec.COLUMNS + " FROM job "
            + "WHERE next_fire_at <= ? ORDER BY next_fire_at LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String MOVE_TO_NEXT_FIRE = "UPDATE job SET next_fire_at = ? WHERE name = ?";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    Schedules schedules;
    @Inject
    ExecutionIds ids;
    @Inject
    Settings settings;
    @Inject
    NodeLease lease;
    @Inject
    FanOut fanOut;
    @Inject
    Metrics metrics;

    private String node;
    private Duration misfireThreshold;
    private NodeTags nodeTags;

    @PostConstruct
    void readSettings() {
        node = settings.nodeName();
        misfireThreshold = settings.misfireThreshold();
        nodeTags = NodeTags.of(settings);
    }

    /** {@code broken}: why its row cannot be run (then {@code spec} is null), null while it is fine. */
    private record DueJob(String name, String schedule, String timezone, Instant fireAt, Instant startsAt,
                          Instant expiresAt, MisfirePolicy misfire, RunSpec spec, String broken) {
    }

    /**
     * Fires the jobs due by {@code horizon}, at most {@code limit}, in one transaction: this node claims up to
     * {@code room} of the fires (the capacity the caller reserved on the runner), and queues up to {@code ahead} more
     * for the first node with room. Returns how many jobs were locked and the runs claimed; {@code attempted} receives
     * the runs this node tries to claim before the transaction commits, for the caller to find out what a commit whose
     * answer was lost did.
     */
    public Claims fire(Instant horizon, int limit, int room, int ahead, List<ClaimedRun> attempted) {
        Map<MissedReason, Integer> missed = new EnumMap<>(MissedReason.class);
        Claims claims = jdbc.inTransaction(connection -> {
            attempted.clear();
            missed.clear();
            return fire(connection, horizon, limit, room, ahead, attempted, missed);
        });
        missed.forEach(metrics::firesMissed);
        return claims;
    }

    private Claims fire(Connection connection, Instant horizon, int limit, int room, int ahead,
                        List<ClaimedRun> attempted, Map<MissedReason, Integer> missedCounts) throws SQLException {
        // no more than the room and the queue's room: a job fired beyond both would wait queued with no bound under
        // sustained overload; one locked and left unfired would cost a row lock for nothing
        List<DueJob> due = lockDueJobs(connection, horizon, Math.min(limit, room + ahead));
        Instant now = time.instant();
        Map<String, Instant> nextFires = new LinkedHashMap<>();
        List<NewExecution> rows = new ArrayList<>();
        List<ClaimedRun> candidates = new ArrayList<>();
        List<Integer> candidateRows = new ArrayList<>();
        Map<Integer, MissedReason> missedRows = new HashMap<>();
        Map<String, String> broken = new LinkedHashMap<>();
        for (DueJob job : due) {
            String brokenBy = job.broken();
            FirePlan plan = null;
            if (brokenBy == null) {
                try {
                    plan = planOf(job, now);
                } catch (RuntimeException e) {
                    brokenBy = "schedule does not parse: " + e.getMessage();
                }
            }
            if (brokenBy != null) {
                // recorded and shown, not retried every tick: the job waits for a save that mends it
                broken.put(job.name(), brokenBy);
                missedRows.put(rows.size(), MissedReason.BROKEN_JOB);
                rows.add(NewExecution.missed(ids.next(connection), job.name(), job.fireAt(), now,
                        "missed: the job is broken, it fires no more until it is saved again: " + brokenBy));
                continue;
            }
            nextFires.put(job.name(), plan.next());
            for (FirePlan.Missed missed : plan.missed()) {
                missedRows.put(rows.size(), missed.kind());
                rows.add(NewExecution.missed(ids.next(connection), job.name(), missed.fireAt(), now, missed.reason()));
            }
            for (Instant fireAt : plan.runs()) {
                NewExecution run = NewExecution.fire(ids.next(connection), job.name(), fireAt, now);
                boolean slotTaken = false;
                for (NewExecution fire : fanOut.rows(connection, run, fanOut.targetsOf(job.spec().executor(),
                        job.spec().executorConfig(), job.spec().tags()), null, now)) {
                    // a node runs one of a run's node slots at a time: the others go to other nodes
                    boolean mayTake = !(slotTaken && NodeCount.isSlot(fire.target()));
                    if (fire.status() == ExecutionStatus.QUEUED && mayTake && candidates.size() < room
                            && nodeTags.selectedBy(job.spec().tags())) {
                        slotTaken = true;
                        fire = fire.runningOn(node, lease.incarnation());
                        candidates.add(new ClaimedRun(fire.id(), job.name(), fire.groupId(), 1, fireAt, null, job.spec(),
                                fire.target(), fire.trigger()));
                        candidateRows.add(rows.size());
                    }
                    rows.add(fire);
                }
            }
        }
        Jdbc.batch(connection, MOVE_TO_NEXT_FIRE, nextFires.entrySet(), (move, next) -> {
            SqlTime.set(move, 1, next.getValue());
            move.setString(2, next.getKey());
        });
        attempted.addAll(candidates);
        BrokenJobs.mark(connection, broken);
        boolean[] inserted = ExecutionRows.insert(connection, rows);
        missedRows.forEach((row, reason) -> missedCounts.merge(reason, inserted[row] ? 1 : 0, Integer::sum));
        List<ClaimedRun> mine = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            // a fire already recorded (the unique key refused it) must not run a second time
            if (inserted[candidateRows.get(i)]) {
                mine.add(candidates.get(i));
            }
        }
        return new Claims(due.size(), mine);
    }

    private FirePlan planOf(DueJob job, Instant now) {
        if (job.expiresAt() != null && job.fireAt().isAfter(job.expiresAt())) {
            return new FirePlan(List.of(), List.of(), null);
        }
        return Misfires.plan(job.fireAt(), after -> nextFireOf(job, after), job.misfire(), misfireThreshold, now);
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
                    RunSpec spec = null;
                    String broken = null;
                    try {
                        spec = RunSpec.read(rs);
                    } catch (RuntimeException e) {
                        broken = BrokenJobs.storedJsonReason(e);
                    }
                    due.add(new DueJob(rs.getString("name"), rs.getString("schedule"), rs.getString("timezone"),
                            SqlTime.get(rs, "next_fire_at"), SqlTime.get(rs, "starts_at"), SqlTime.get(rs, "expires_at"),
                            misfirePolicy(rs), spec, broken));
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
}
