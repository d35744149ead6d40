package io.pendule.executions.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.HistoryFilter;
import io.pendule.executions.entity.HistoryPage;
import io.pendule.api.entity.ValidationException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

    /** The runs of the pages' lists, read without their output (Execution's summary constructor). */
    private static final String SUMMARY = "SELECT NEW io.pendule.executions.entity.Execution(e.id, e.jobName, e.groupId, "
            + "e.attempt, e.trigger, e.status, e.scheduledAt, e.nodeName, e.startedAt, e.finishedAt, e.exitCode, e.error, "
            + "e.cancelRequestedAt) FROM Execution e";

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
     * A page of a job's history, newest first (by scheduled time, then id), of the runs {@code filter} keeps. Keyset
     * paging: {@code before} (or else {@code after}) is the id of a run of the page next to it, whose scheduled time and
     * id bound this one, so pages stay put while new runs arrive and an old page costs what the first one does (the
     * (job_name, scheduled_at) index is read from the cursor on). An unknown cursor shows the first page.
     */
    public HistoryPage page(String job, HistoryFilter filter, Long before, Long after, int size) {
        Optional<Instant> beforeAt = before == null ? Optional.empty() : scheduledAtOf(job, before);
        if (beforeAt.isPresent()) {
            List<Execution> runs = ofJob(job, filter, new Cursor(beforeAt.get(), before, true), size + 1);
            return new HistoryPage(trimmed(runs, size), runs.isEmpty() ? null : runs.get(0).getId(),
                    runs.size() > size ? runs.get(size - 1).getId() : null);
        }
        Optional<Instant> afterAt = after == null ? Optional.empty() : scheduledAtOf(job, after);
        if (afterAt.isPresent()) {
            List<Execution> oldestFirst = ofJob(job, filter, new Cursor(afterAt.get(), after, false), size + 1);
            if (oldestFirst.size() >= size) {
                List<Execution> runs = new ArrayList<>(trimmed(oldestFirst, size));
                Collections.reverse(runs);
                return new HistoryPage(runs, oldestFirst.size() > size ? runs.get(0).getId() : null, runs.get(size - 1).getId());
            }
        }
        List<Execution> runs = ofJob(job, filter, null, size + 1);
        return new HistoryPage(trimmed(runs, size), null, runs.size() > size ? runs.get(size - 1).getId() : null);
    }

    /** Where a page starts: strictly older than (or newer than) the run scheduled {@code at} with {@code id}. */
    private record Cursor(Instant at, long id, boolean older) {
    }

    private static List<Execution> trimmed(List<Execution> runs, int size) {
        return runs.size() > size ? runs.subList(0, size) : runs;
    }

    private Optional<Instant> scheduledAtOf(String job, long id) {
        return em.createQuery("SELECT e.scheduledAt FROM Execution e WHERE e.id = :id AND e.jobName = :job", Instant.class)
                .setParameter("id", id).setParameter("job", job).getResultStream().findFirst();
    }

    /**
     * Newest first from the start or before a cursor, oldest first after one. The cursor is written as a range on
     * scheduled_at (which the index bounds) plus a tie-break on the id, SQL both PostgreSQL and H2 plan well.
     */
    private List<Execution> ofJob(String job, HistoryFilter filter, Cursor cursor, int max) {
        boolean newestFirst = cursor == null || cursor.older();
        String direction = newestFirst ? " DESC" : " ASC";
        var query = em.createQuery(SUMMARY + " WHERE e.jobName = :job"
                        + (filter.status() == null ? "" : " AND e.status = :status")
                        + (filter.trigger() == null ? "" : " AND e.trigger = :trigger")
                        + (filter.from() == null ? "" : " AND e.scheduledAt >= :from")
                        + (filter.to() == null ? "" : " AND e.scheduledAt < :to")
                        + (cursor == null ? "" : cursor.older()
                        ? " AND e.scheduledAt <= :at AND (e.scheduledAt < :at OR e.id < :id)"
                        : " AND e.scheduledAt >= :at AND (e.scheduledAt > :at OR e.id > :id)")
                        + " ORDER BY e.scheduledAt" + direction + ", e.id" + direction, Execution.class)
                .setParameter("job", job);
        if (filter.status() != null) {
            query.setParameter("status", filter.status().code());
        }
        if (filter.trigger() != null) {
            query.setParameter("trigger", filter.trigger().code());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
        if (cursor != null) {
            query.setParameter("at", cursor.at()).setParameter("id", cursor.id());
        }
        return query.setMaxResults(max).getResultList();
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

    /**
     * The last failed run (failed, timed out, orphaned) of each of the {@code max} jobs that failed most recently since
     * {@code since}, newest first: found from the jobs' counters, so that a history of millions of failures is not read
     * (one run per job, read backwards from the job's newest run by the history index).
     */
    public List<Execution> lastFailuresSince(Instant since, int max) {
        return em.createQuery("SELECT j.name FROM Job j WHERE j.lastError >= :since ORDER BY j.lastError DESC, j.name", String.class)
                .setParameter("since", since).setMaxResults(max).getResultList().stream()
                .map(this::lastFailureOf).flatMap(Optional::stream).toList();
    }

    private Optional<Execution> lastFailureOf(String job) {
        return em.createQuery(SUMMARY + " WHERE e.jobName = :job AND e.status IN (" + ExecutionStatus.FAILED.literal() + ", "
                        + ExecutionStatus.TIMED_OUT.literal() + ", " + ExecutionStatus.ORPHANED.literal() + ") "
                        + "ORDER BY e.jobName, e.scheduledAt DESC, e.id DESC", Execution.class)
                .setParameter("job", job).setMaxResults(1).getResultStream().findFirst();
    }

    /** How many jobs had a run fail since {@code since} (from their counters). */
    public long countJobsFailedSince(Instant since) {
        return em.createQuery("SELECT COUNT(j) FROM Job j WHERE j.lastError >= :since", Long.class)
                .setParameter("since", since).getSingleResult();
    }

    /** Every execution running now on any node, oldest first, without their output (the pages' lists). */
    public List<Execution> runningSummaries() {
        return em.createQuery(SUMMARY + " WHERE e.status = " + ExecutionStatus.RUNNING.literal()
                + " ORDER BY e.scheduledAt, e.id", Execution.class).getResultList();
    }

    /** Every execution running now on any node, oldest first (Dkron's busy list). */
    public List<Execution> running() {
        return em.createQuery("SELECT e FROM Execution e WHERE e.status = " + ExecutionStatus.RUNNING.literal()
                        + " ORDER BY e.scheduledAt, e.id",
                Execution.class).getResultList();
    }
}
