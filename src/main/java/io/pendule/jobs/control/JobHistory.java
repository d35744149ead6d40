package io.pendule.jobs.control;

import io.pendule.executions.control.ExecutionRows;
import io.pendule.jobs.entity.Job;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's run counters, last times and status (table job_stats), beside what the workers record: moved forward to
 * what a client reports (a restored backup), and cleared with the job's history.
 */
@Stateless
public class JobHistory {

    private static final String CLEAR_COUNTERS = "UPDATE job_stats SET success_count = 0, error_count = 0, "
            + "last_success = NULL, last_error = NULL WHERE job_name = ?";

    @PersistenceContext
    EntityManager em;

    /**
     * Dkron's rule when a job is saved: the larger count, the later time, and the stored status unless there is
     * none. Written only when the client is ahead, and as SQL comparisons, so a worker's concurrent count is never
     * lost. True if
     * anything was written.
     */
    public boolean moveForwardTo(Job stored, Job reported) {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (reported.getSuccessCount() > stored.getSuccessCount()) {
            sets.add("success_count = CASE WHEN success_count < ? THEN ? ELSE success_count END");
            values.add(reported.getSuccessCount());
            values.add(reported.getSuccessCount());
        }
        if (reported.getErrorCount() > stored.getErrorCount()) {
            sets.add("error_count = CASE WHEN error_count < ? THEN ? ELSE error_count END");
            values.add(reported.getErrorCount());
            values.add(reported.getErrorCount());
        }
        if (later(reported.getLastSuccess(), stored.getLastSuccess())) {
            sets.add("last_success = CASE WHEN last_success IS NULL OR last_success < ? THEN ? ELSE last_success END");
            values.add(timestamp(reported.getLastSuccess()));
            values.add(timestamp(reported.getLastSuccess()));
        }
        if (later(reported.getLastError(), stored.getLastError())) {
            sets.add("last_error = CASE WHEN last_error IS NULL OR last_error < ? THEN ? ELSE last_error END");
            values.add(timestamp(reported.getLastError()));
            values.add(timestamp(reported.getLastError()));
        }
        if (stored.getStatus().isEmpty() && !reported.getStatus().isEmpty()) {
            sets.add("status = CASE WHEN status = '' THEN ? ELSE status END");
            values.add(reported.getStatus());
        }
        if (!sets.isEmpty()) {
            values.add(stored.getName());
            update("UPDATE job_stats SET " + String.join(", ", sets) + " WHERE job_name = ?", values);
        }
        return !sets.isEmpty();
    }

    /** Deletes the job's finished executions and zeroes its counters; answers how many executions went. */
    public int clear(String job) {
        int deleted = update(ExecutionRows.CLEAR_HISTORY, List.of(job));
        update(CLEAR_COUNTERS, List.of(job));
        return deleted;
    }

    private int update(String sql, List<Object> values) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query.executeUpdate();
    }

    private static boolean later(Instant reported, Instant stored) {
        return reported != null && (stored == null || reported.isAfter(stored));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
