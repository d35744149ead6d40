package io.pendule.workflows.control;

import io.pendule.executions.control.RunGuard;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.platform.GoDuration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A gated job (requires) runs only once each job it requires has succeeded, within the gate's duration when it has
 * one; otherwise its run is skipped with the reason. One query on the primary keys of job_gate and job_stats, whose
 * last_success is the end of the required job's latest successful run.
 */
@ApplicationScoped
public class Gates implements RunGuard {

    private static final String GATES = "SELECT g.required_job, g.within, s.last_success FROM job_gate g "
            + "LEFT JOIN job_stats s ON s.job_name = g.required_job WHERE g.job_name = ? ORDER BY g.required_job";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;

    @Override
    public Optional<String> refusal(ClaimedRun run) {
        Instant now = time.instant();
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(GATES)) {
                select.setString(1, run.jobName());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Optional<String> closed = closed(rs.getString("required_job"), rs.getString("within"),
                                SqlTime.get(rs, "last_success"), now);
                        if (closed.isPresent()) {
                            return closed;
                        }
                    }
                }
            }
            return Optional.<String>empty();
        });
    }

    /** Why the gate on {@code required} is closed at {@code now}, or empty if it is open. */
    static Optional<String> closed(String required, String within, Instant lastSuccess, Instant now) {
        if (lastSuccess == null) {
            return Optional.of("gate: " + required + " has never succeeded");
        }
        if (within == null || within.isBlank()) {
            return Optional.empty();
        }
        Duration age = Duration.between(lastSuccess, now);
        if (age.compareTo(GoDuration.parse(within)) <= 0) {
            return Optional.empty();
        }
        return Optional.of("gate: " + required + " last succeeded " + roughly(age) + " ago, more than " + within);
    }

    /** The two largest units of a duration, as a person says it: "3h", "3h12m", "4m5s", "12s". */
    static String roughly(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (secs > 0 ? secs + "s" : "");
        }
        return secs + "s";
    }
}
