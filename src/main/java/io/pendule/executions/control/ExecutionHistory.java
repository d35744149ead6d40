package io.pendule.executions.control;

import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.Trigger;
import io.pendule.platform.ValidationException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reading executions: a job's history, paged and sorted by the database; one by id; those running now. */
@Stateless
public class ExecutionHistory {

    /** What a job's history sorts by; Dkron's default ("" or id) is the time of the run. The id breaks ties. */
    public enum Sort {
        ID("e.scheduledAt"), STARTED_AT("e.startedAt"), FINISHED_AT("e.finishedAt"), SCHEDULED_AT("e.scheduledAt"),
        ATTEMPT("e.attempt"), STATUS("e.status");

        private final String field;

        Sort(String field) {
            this.field = field;
        }

        public static Sort of(String name) {
            if (name == null || name.isEmpty()) {
                return ID;
            }
            return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new ValidationException("Bad query", "_sort", "cannot sort executions by \"" + name
                            + "\" (one of " + Arrays.stream(values()).map(s -> s.name().toLowerCase())
                            .collect(Collectors.joining(", ")) + ")"));
        }
    }

    private static final Duration SCHEDULING_MARGIN = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    public List<Execution> ofJob(String job, Sort sort, boolean descending, int first, int max) {
        String direction = descending ? " DESC" : " ASC";
        return em.createQuery("SELECT e FROM Execution e WHERE e.jobName = :job ORDER BY " + sort.field + direction
                                + ", e.id" + direction, Execution.class)
                .setParameter("job", job)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /**
     * A job's history newest first (by scheduled time, then id), only the executions of {@code status} and of
     * {@code trigger} when they are given (null: any).
     */
    public List<Execution> ofJob(String job, ExecutionStatus status, Trigger trigger, int first, int max) {
        var query = em.createQuery("SELECT e FROM Execution e WHERE e.jobName = :job"
                        + (status == null ? "" : " AND e.status = :status")
                        + (trigger == null ? "" : " AND e.trigger = :trigger")
                        + " ORDER BY e.scheduledAt DESC, e.id DESC", Execution.class)
                .setParameter("job", job);
        if (status != null) {
            query.setParameter("status", status.code());
        }
        if (trigger != null) {
            query.setParameter("trigger", trigger.code());
        }
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long countOfJob(String job) {
        return em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.jobName = :job", Long.class)
                .setParameter("job", job).getSingleResult();
    }

    public Optional<Execution> byId(long id) {
        return Optional.ofNullable(em.find(Execution.class, id));
    }

    /**
     * By Dkron's id, "started_at in Unix nanoseconds - node": the job's execution started then on that node. A run
     * never starts before it is scheduled (the margin covers timer rounding), so the history index is read backwards
     * from that instant and stops at the match; no index on started_at has to be kept up on every run.
     */
    public Optional<Execution> byStart(String job, Instant startedAt, String node) {
        return em.createQuery("SELECT e FROM Execution e WHERE e.jobName = :job AND e.scheduledAt <= :latest "
                        + "AND e.startedAt = :startedAt AND e.nodeName = :node ORDER BY e.scheduledAt DESC", Execution.class)
                .setParameter("job", job)
                .setParameter("latest", startedAt.plus(SCHEDULING_MARGIN))
                .setParameter("startedAt", startedAt)
                .setParameter("node", node)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The executions that failed (failed, timed out, orphaned) since {@code since}, newest first, at most {@code max}. */
    public List<Execution> failedSince(Instant since, int max) {
        return em.createQuery("SELECT e FROM Execution e WHERE e.status IN ('failed', 'timed_out', 'orphaned') "
                        + "AND e.scheduledAt >= :since ORDER BY e.scheduledAt DESC, e.id DESC", Execution.class)
                .setParameter("since", since)
                .setMaxResults(max)
                .getResultList();
    }

    public long countFailedSince(Instant since) {
        return em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.status IN ('failed', 'timed_out', 'orphaned') "
                        + "AND e.scheduledAt >= :since", Long.class)
                .setParameter("since", since).getSingleResult();
    }

    /** Every execution running now on any node, oldest first (Dkron's busy list). */
    public List<Execution> running() {
        return em.createQuery("SELECT e FROM Execution e WHERE e.status = 'running' ORDER BY e.scheduledAt, e.id",
                Execution.class).getResultList();
    }
}
