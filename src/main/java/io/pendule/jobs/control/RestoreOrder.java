package io.pendule.jobs.control;

import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The order a restore stores jobs in: every job after the jobs it names (parent_job, depends_on, requires), which
 * must be in the file or already stored; names appear once; the names never form a cycle.
 */
final class RestoreOrder {

    private RestoreOrder() {
    }

    static List<Job> parentsFirst(List<Job> jobs, Predicate<String> stored) {
        Map<String, Job> byName = new LinkedHashMap<>();
        List<FieldError> problems = new ArrayList<>();
        for (Job job : jobs) {
            if (byName.putIfAbsent(job.getName(), job) != null) {
                problems.add(new FieldError(job.getName() + ".name", "appears more than once in the file"));
            }
        }
        for (Job job : byName.values()) {
            for (String upstream : job.upstreams()) {
                if (!byName.containsKey(upstream) && !stored.test(upstream)) {
                    problems.add(new FieldError(job.getName() + (upstream.equals(job.getParentJob()) ? ".parent_job" : ".depends_on"),
                            "job " + upstream + " is neither in the file nor stored"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Restore refused, nothing was changed", problems);
        }
        List<Job> ordered = new ArrayList<>();
        Map<String, Boolean> visiting = new LinkedHashMap<>();
        byName.values().forEach(job -> visit(job, byName, visiting, ordered));
        return ordered;
    }

    /** Depth first: a job is added after its parent; meeting a job still being visited means a cycle. */
    private static void visit(Job job, Map<String, Job> byName, Map<String, Boolean> visiting, List<Job> ordered) {
        Boolean state = visiting.get(job.getName());
        if (Boolean.FALSE.equals(state)) {
            return;
        }
        if (Boolean.TRUE.equals(state)) {
            throw new ValidationException("Restore refused, nothing was changed", job.getName() + ".parent_job",
                    "parent jobs form a cycle through " + job.getName());
        }
        visiting.put(job.getName(), true);
        for (String upstream : job.upstreams()) {
            Job before = byName.get(upstream);
            if (before != null) {
                visit(before, byName, visiting, ordered);
            }
        }
        visiting.put(job.getName(), false);
        ordered.add(job);
    }
}
