package io.pendule.executions.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executions.entity.RetryPolicy;
import io.pendule.database.control.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Retries of failed attempts. Each attempt is an execution of its own in the group of the first one, queued with a
 * not-before time from its job's retry policy, so that any node whose tags match may take it.
 */
@ApplicationScoped
public class Retries {

    private static final String POLICIES = "SELECT name, retries, retry_delay, retry_max_delay, retry_backoff, retry_jitter "
            + "FROM job WHERE name IN (%s)";

    @Inject
    ExecutionIds ids;

    /** A finished attempt that may be followed by another, against the same target. */
    public record Attempt(String jobName, long groupId, int attempt, String target) {
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
        List<String> names = jobNames.stream().distinct().toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(names.size(), "?"));
        return Jdbc.query(connection, POLICIES.formatted(placeholders), select -> {
            for (int i = 0; i < names.size(); i++) {
                select.setString(i + 1, names.get(i));
            }
        }, rs -> Map.entry(rs.getString("name"), new JobRetries(rs.getInt("retries"), new RetryPolicy(
                rs.getString("retry_delay"), rs.getString("retry_max_delay"),
                rs.getDouble("retry_backoff"), rs.getDouble("retry_jitter"))))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Queues the attempt after each of {@code failed}, after its job's delay from {@code now}; jobs gone are skipped. */
    public void queueAfter(Connection connection, List<Attempt> failed, Map<String, JobRetries> jobs, Instant now)
            throws SQLException {
        List<NewExecution> retries = new ArrayList<>();
        for (Attempt a : failed) {
            JobRetries job = jobs.get(a.jobName());
            if (job != null) {
                Instant notBefore = now.plus(job.policy().delayAfter(a.attempt()));
                retries.add(NewExecution.retry(ids.next(connection), a.jobName(), a.groupId(), a.attempt() + 1, a.target(),
                        notBefore, now));
            }
        }
        ExecutionRows.insert(connection, retries);
    }
}
