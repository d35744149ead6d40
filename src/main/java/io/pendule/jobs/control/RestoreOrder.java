package io.pendule.jobs.control;

import io.pendule.jobs.entity.Job;
import io.pendule.platform.FieldError;
import io.pendule.platform.ValidationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The order a restore stores jobs in: every parent before its children. A child's parent must be in the file or
 * already stored; names appear once; parents never form a cycle.
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
            if (job.isChild() && !byName.containsKey(job.getParentJob()) && !stored.test(job.getParentJob())) {
                problems.add(new FieldError(job.getName() + ".parent_job",
                        "parent job " + job.getParentJob() + " is neither in the file nor stored"));
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
        Job parent = job.isChild() ? byName.get(job.getParentJob()) : null;
        if (parent != null) {
            visit(parent, byName, visiting, ordered);
        }
        visiting.put(job.getName(), false);
        ordered.add(job);
    }
}
