package io.pendule.clock.control;

import io.pendule.metrics.control.Metrics;
import io.pendule.metrics.entity.MissedReason;
import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.cluster.control.Members;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.control.ExecutionRows;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Fires of a job tagged for nodes no live worker is (a zone that has none) wait in the queue: once one has waited
 * longer than the misfire threshold it is dealt with by the job's misfire policy, as a fire the cluster missed is,
 * instead of piling up forever: {@code skip} records each missed, {@code fire_once} keeps only the job's latest fire
 * queued, {@code catch_up} its latest {@code misfire_max}; the others are recorded missed with the reason. A node with
 * those tags that comes back takes what is left. Any worker's clock does it, at most every {@link #EVERY}.
 */
@ApplicationScoped
public class UnservedFires {

    private static final Logger LOG = Logger.getLogger(UnservedFires.class.getName());
    static final Duration EVERY = Duration.ofSeconds(10);
    private static final int BATCH = 1000;
    private static final String QUEUED = ExecutionStatus.QUEUED.literal();

    /**
     * Jobs with a scheduled fire queued since before the threshold, read through the (status, not_before) index alone:
     * none in a healthy cluster. Joined with job_tag, PostgreSQL preferred to walk every fire of each tagged job.
     */
    private static final String LATE_JOBS = "SELECT DISTINCT job_name FROM execution WHERE status = " + QUEUED
            + " AND not_before < ? AND fire_at IS NOT NULL LIMIT " + BATCH;
    /** Only tagged jobs may lack a node: their tags and policy. */
    private static final String TAGS = "SELECT t.job_name, t.tag_key, t.tag_value, j.misfire_policy, j.misfire_max "
            + "FROM job_tag t JOIN job j ON j.name = t.job_name WHERE t.job_name IN (%s)";
    private static final String LATEST_QUEUED = "SELECT id FROM execution WHERE job_name = ? AND status = " + QUEUED
            + " AND fire_at IS NOT NULL ORDER BY fire_at DESC LIMIT ?";
    private static final String LATE_FIRES = "SELECT id, fire_at FROM execution WHERE job_name = ? AND status = " + QUEUED
            + " AND not_before < ? AND fire_at IS NOT NULL ORDER BY not_before LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    Members members;
    @Inject
    Settings settings;
    @Inject
    Metrics metrics;

    private Duration threshold;
    private volatile Instant nextLook = Instant.MIN;

    @PostConstruct
    void readSettings() {
        threshold = settings.misfireThreshold();
    }

    private record LateJob(String name, Map<String, String> tags, MisfirePolicy.Kind kind, int max) {
    }

    private record LateFire(long id, Instant fireAt) {
    }

    /** Expires the unserved late fires, if it is time to look again; returns how many were recorded missed. */
    public int expireIfDue() {
        Instant now = time.instant();
        if (now.isBefore(nextLook)) {
            return 0;
        }
        nextLook = now.plus(EVERY);
        try {
            return expire(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not expire the queued fires no node serves; trying again in " + EVERY, e);
            return 0;
        }
    }

    int expire(Instant now) {
        Instant lateBefore = now.minus(threshold);
        List<LateJob> unserved = lateJobs(lateBefore).stream().filter(job -> !members.anyServes(job.tags())).toList();
        int missed = 0;
        for (LateJob job : unserved) {
            int expired = jdbc.inTransaction(connection -> expire(connection, job, lateBefore, now));
            metrics.firesMissed(MissedReason.NO_NODE, expired);
            missed += expired;
        }
        return missed;
    }

    private record TagRow(String job, String key, String value, MisfirePolicy.Kind kind, int max) {
    }

    private List<LateJob> lateJobs(Instant lateBefore) {
        List<TagRow> rows = jdbc.inTransaction(connection -> {
            List<String> late = Jdbc.query(connection, LATE_JOBS, select -> SqlTime.set(select, 1, lateBefore),
                    rs -> rs.getString(1));
            if (late.isEmpty()) {
                return List.of();
            }
            return Jdbc.query(connection, TAGS.formatted(String.join(", ", Collections.nCopies(late.size(), "?"))),
                    select -> {
                        for (int i = 0; i < late.size(); i++) {
                            select.setString(i + 1, late.get(i));
                        }
                    },
                    rs -> new TagRow(rs.getString("job_name"), rs.getString("tag_key"), rs.getString("tag_value"),
                            MisfirePolicy.Kind.ofColumn(rs.getString("misfire_policy")), rs.getInt("misfire_max")));
        });
        Map<String, LateJob> jobs = new TreeMap<>();
        for (TagRow row : rows) {
            jobs.computeIfAbsent(row.job(), name -> new LateJob(name, new TreeMap<>(), row.kind(), row.max()))
                    .tags().put(row.key(), row.value());
        }
        return List.copyOf(jobs.values());
    }

    private int expire(Connection connection, LateJob job, Instant lateBefore, Instant now) throws SQLException {
        int keep = switch (job.kind()) {
            case SKIP -> 0;
            case FIRE_ONCE -> 1;
            case CATCH_UP -> job.max();
        };
        Set<Long> kept = new HashSet<>(keep == 0 ? List.of() : Jdbc.query(connection, LATEST_QUEUED, select -> {
            select.setString(1, job.name());
            select.setInt(2, keep);
        }, rs -> rs.getLong(1)));
        List<LateFire> late = Jdbc.query(connection, LATE_FIRES, select -> {
            select.setString(1, job.name());
            SqlTime.set(select, 2, lateBefore);
        }, rs -> new LateFire(rs.getLong("id"), SqlTime.get(rs, "fire_at")));
        String tags = job.tags().entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
        List<ExecutionRows.Dropped> missed = new ArrayList<>();
        for (LateFire fire : late) {
            if (!kept.contains(fire.id())) {
                missed.add(new ExecutionRows.Dropped(fire.id(), ExecutionStatus.MISSED, "missed: no live node serves tags "
                        + tags + "; queued since " + fire.fireAt() + ", longer than the misfire threshold (" + Misfires.go(threshold)
                        + "); misfire_policy " + job.kind().code() + (keep == 0 ? "" : " keeps only the latest " + keep
                        + " queued")));
            }
        }
        boolean[] ended = ExecutionRows.endQueued(connection, now, missed);
        int count = 0;
        for (boolean e : ended) {
            count += e ? 1 : 0;
        }
        return count;
    }
}
