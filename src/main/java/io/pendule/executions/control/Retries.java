package io.pendule.executions.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RetryPolicy;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Retries of failed attempts. Each attempt is an execution of its own in the group of the first one, queued with a
 * not-before time from its job's retry policy, so that any node whose tags match may take it.
 */
@ApplicationScoped
public class Retries {

    private static final String POLICIES = "SELECT name, retries, retry_delay, retry_max_delay, retry_backoff, retry_jitter "
            + "FROM job WHERE name IN (%s)";
    private static final String QUEUE = "INSERT INTO execution "
            + "(id, job_name, group_id, attempt, trigger, status, scheduled_at, created_at, not_before) "
            + "VALUES (?, ?, ?, ?, 'retry', 'queued', ?, ?, ?)";

    @Inject
    ExecutionIds ids;

    /** A finished attempt that may be followed by another. */
    public record Attempt(String jobName, long groupId, int attempt) {
    }

    /** A job's retry settings: how many retries after the first attempt, and how long to wait before each. */
    public record JobRetries(int retries, RetryPolicy policy) {

        public boolean allowAnotherAfter(int attempt) {
            return attempt <= retries;
        }
    }

    /**
     * Whether an attempt that ended so is tried again (attempts left permitting): failures, timeouts and runs whose
     * node was lost are; a refused (skipped) run would be refused again, and a cancelled one was stopped on purpose.
     */
    public static boolean retriable(ExecutionStatus status) {
        return status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT || status == ExecutionStatus.ORPHANED;
    }

    /** The retry settings of the named jobs, in one query; a job deleted meanwhile is absent. */
    public Map<String, JobRetries> of(Connection connection, Collection<String> jobNames) throws SQLException {
        Map<String, JobRetries> settings = new HashMap<>();
        List<String> names = jobNames.stream().distinct().toList();
        if (names.isEmpty()) {
            return settings;
        }
        String placeholders = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(POLICIES.formatted(placeholders))) {
            for (int i = 0; i < names.size(); i++) {
                select.setString(i + 1, names.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    settings.put(rs.getString("name"), new JobRetries(rs.getInt("retries"), new RetryPolicy(
                            rs.getString("retry_delay"), rs.getString("retry_max_delay"),
                            rs.getDouble("retry_backoff"), rs.getDouble("retry_jitter"))));
                }
            }
        }
        return settings;
    }

    /** Queues the attempt after each of {@code failed}, after its job's delay from {@code now}; jobs gone are skipped. */
    public void queueAfter(Connection connection, List<Attempt> failed, Map<String, JobRetries> jobs, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(QUEUE)) {
            int queued = 0;
            for (Attempt a : failed) {
                JobRetries job = jobs.get(a.jobName());
                if (job == null) {
                    continue;
                }
                Instant notBefore = now.plus(job.policy().delayAfter(a.attempt()));
                insert.setLong(1, ids.next(connection));
                insert.setString(2, a.jobName());
                insert.setLong(3, a.groupId());
                insert.setInt(4, a.attempt() + 1);
                SqlTime.set(insert, 5, notBefore);
                SqlTime.set(insert, 6, now);
                SqlTime.set(insert, 7, notBefore);
                insert.addBatch();
                queued++;
            }
            if (queued > 0) {
                insert.executeBatch();
            }
        }
    }
}
