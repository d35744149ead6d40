package io.pendule.jobs.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.metrics.control.GaugeSource;
import io.pendule.metrics.control.Gauges;
import io.pendule.metrics.entity.PenduleMetric;
import io.pendule.platform.Settings;
import io.pendule.schedules.control.Schedules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Per job, at a scrape: when it last succeeded and the time between its next two fires, for "no success in twice its
 * period" alerts. One query of at most PENDULE_METRICS_MAX_JOBS rows in name order; the period of a disabled job, or of
 * one without a repeating schedule, is left out (nothing to wait for).
 */
@ApplicationScoped
public class JobGauges implements GaugeSource {

    private static final String JOBS = "SELECT j.name, j.schedule, j.timezone, j.starts_at, j.expires_at, j.disabled, "
            + "s.last_success FROM job j LEFT JOIN job_stats s ON s.job_name = j.name ORDER BY j.name LIMIT ?";

    @Inject
    Jdbc jdbc;
    @Inject
    Schedules schedules;
    @Inject
    Settings settings;
    @Inject
    InstantSource time;

    private record Row(String name, String schedule, String timezone, Instant startsAt, Instant expiresAt,
                       boolean disabled, Instant lastSuccess) {
    }

    @Override
    public void sample(Gauges gauges) {
        int max = settings.metricsMaxJobs();
        List<Row> rows = jdbc.inTransaction(connection -> Jdbc.query(connection, JOBS, select -> select.setInt(1, max),
                rs -> new Row(rs.getString("name"), rs.getString("schedule"), rs.getString("timezone"),
                        SqlTime.get(rs, "starts_at"), SqlTime.get(rs, "expires_at"), rs.getBoolean("disabled"),
                        SqlTime.get(rs, "last_success"))));
        Instant now = time.instant();
        for (Row row : rows) {
            if (row.lastSuccess() != null) {
                gauges.setForJob(PenduleMetric.JOB_LAST_SUCCESS, row.name(), row.lastSuccess().toEpochMilli() / 1000.0);
            }
            if (!row.disabled()) {
                periodOf(row, now).ifPresent(period -> gauges.setForJob(PenduleMetric.JOB_PERIOD, row.name(),
                        period.toMillis() / 1000.0));
            }
        }
    }

    private Optional<Duration> periodOf(Row row, Instant now) {
        try {
            Optional<Instant> next = schedules.nextFire(row.schedule(), row.timezone(), row.name(), now, row.startsAt(), row.expiresAt());
            Optional<Instant> following = next.flatMap(n -> schedules.nextFire(row.schedule(), row.timezone(), row.name(), n,
                    row.startsAt(), row.expiresAt()));
            return following.map(f -> Duration.between(next.get(), f));
        } catch (RuntimeException e) {
            return Optional.empty(); // a schedule that no longer parses: the job is marked broken elsewhere
        }
    }
}
