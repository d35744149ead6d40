package io.pendule.jobs.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.jobs.entity.Job;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Finding jobs: filtered, sorted, counted and paged by the database, with their children. */
@Stateless
public class JobCatalog {

    /** Jobs are loaded by name in chunks well under the databases' limits on parameters. */
    private static final int CHUNK = 1000;


    @PersistenceContext
    EntityManager em;

    public record Page(List<Job> jobs, long total, Map<String, List<String>> children) {
    }

    /** How many jobs there are, and how many of them are enabled. */
    public record Counts(long jobs, long enabled) {
    }

    public Counts counts() {
        Object[] counts = (Object[]) em.createNativeQuery("SELECT COUNT(*), COALESCE(SUM(CASE WHEN disabled THEN 0 ELSE 1 END), 0) FROM job")
                .getSingleResult();
        return new Counts(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    /** The enabled jobs that fire next, soonest first (the job_due index, no count). */
    public List<Job> nextToFire(int max) {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("SELECT name FROM job WHERE disabled = FALSE AND next_fire_at IS NOT NULL "
                + "ORDER BY next_fire_at, name LIMIT ?").setParameter(1, max).getResultList();
        return jobsNamed(names);
    }

    public Page find(JobQuery query) {
        List<Object> values = new ArrayList<>();
        String where = where(query, values);
        long total = ((Number) nativeQuery("SELECT COUNT(*) FROM job j JOIN job_stats s ON s.job_name = j.name" + where, values)
                .getSingleResult()).longValue();
        long end = query.end() == null ? total : Math.min(query.end(), total);
        if (query.start() >= end) {
            return new Page(List.of(), total, Map.of());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        List<Object> pageValues = new ArrayList<>(values);
        pageValues.add(end - query.start());
        pageValues.add(query.start());
        @SuppressWarnings("unchecked")
        List<String> names = nativeQuery("SELECT j.name FROM job j JOIN job_stats s ON s.job_name = j.name" + where
                + " ORDER BY " + query.sort().column + direction + ", j.name" + direction + " LIMIT ? OFFSET ?", pageValues)
                .getResultList();
        return new Page(jobsNamed(names), total, childrenOf(names));
    }

    private static String where(JobQuery query, List<Object> values) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.text() != null && !query.text().isEmpty()) {
            where.append(" AND (j.name LIKE ? ESCAPE '\\' OR j.displayname LIKE ? ESCAPE '\\')");
            String pattern = "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            values.add(pattern);
            values.add(pattern);
        }
        if (JobQuery.RUNNING.equals(query.status())) {
            // the running executions are few, and found by the (status, not_before) index
            where.append(" AND j.name IN (SELECT e.job_name FROM execution e WHERE e.status = ")
                    .append(ExecutionStatus.RUNNING.literal()).append(")");
        } else if (query.status() != null) {
            where.append(" AND s.status = ?");
            values.add(query.status());
        }
        if (query.disabled() != null) {
            where.append(" AND j.disabled = ?");
            values.add(query.disabled());
        }
        if (query.executor() != null) {
            where.append(" AND j.executor = ?");
            values.add(query.executor());
        }
        query.tags().forEach((key, value) -> {
            where.append(" AND EXISTS (SELECT 1 FROM job_tag t WHERE t.job_name = j.name AND t.tag_key = ? AND t.tag_value = ?)");
            values.add(key);
            values.add(value);
        });
        query.metadata().forEach((key, value) -> {
            where.append(" AND EXISTS (SELECT 1 FROM job_metadata m WHERE m.job_name = j.name AND m.meta_key = ? AND m.meta_value = ?)");
            values.add(key);
            values.add(value);
        });
        return where.toString();
    }

    private Query nativeQuery(String sql, List<Object> values) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    /** The jobs with their collections, each collection read for all of them in one query (not one per job). */
    private List<Job> jobsNamed(List<String> names) {
        Map<String, Job> byName = new HashMap<>();
        for (List<String> chunk : chunks(names)) {
            em.createQuery("SELECT j FROM Job j WHERE j.name IN :names", Job.class)
                    .setParameter("names", chunk)
                    .setHint("eclipselink.batch", "j.metadata")
                    .setHint("eclipselink.batch", "j.tagRows")
                    .setHint("eclipselink.batch", "j.dependsOn")
                    .setHint("eclipselink.batch", "j.requires")
                    .setHint("eclipselink.batch.type", "IN")
                    .getResultList()
                    .forEach(job -> byName.put(job.getName(), job));
        }
        return names.stream().map(byName::get).filter(Objects::nonNull).toList();
    }

    private Map<String, List<String>> childrenOf(List<String> names) {
        Map<String, List<String>> children = new TreeMap<>();
        for (List<String> chunk : chunks(names)) {
            em.createQuery("SELECT j.parentJob, j.name FROM Job j WHERE j.parentJob IN :names ORDER BY j.name", Object[].class)
                    .setParameter("names", chunk)
                    .getResultList()
                    .forEach(row -> children.computeIfAbsent((String) row[0], p -> new ArrayList<>()).add((String) row[1]));
        }
        return children;
    }

    private static List<List<String>> chunks(List<String> names) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < names.size(); i += CHUNK) {
            chunks.add(names.subList(i, Math.min(names.size(), i + CHUNK)));
        }
        return chunks;
    }
}
