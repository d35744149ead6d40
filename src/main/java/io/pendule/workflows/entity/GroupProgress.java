package io.pendule.workflows.entity;

import io.pendule.executions.entity.ExecutionStatus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each job of a run group stands, from its executions in the group: which targets it ran against (an endpoint's
 * slug for a pack job, "" for a run without target), which of them succeeded, and whether it is still going. Decides
 * when a fan in (all_success) may run: per target for a downstream job that fans out (a rule pack on db1 waits for
 * the metric packs on db1 only), once every target of every upstream is done for one that does not.
 */
public final class GroupProgress {

    /** One execution of the group. */
    public record Row(String job, String target, ExecutionStatus status) {
    }

    private final Map<String, Set<String>> targets = new HashMap<>();
    private final Map<String, Set<String>> succeeded = new HashMap<>();
    private final Set<String> going = new TreeSet<>();

    public GroupProgress(List<Row> rows) {
        for (Row row : rows) {
            targets.computeIfAbsent(row.job(), j -> new TreeSet<>()).add(row.target());
            if (row.status() == ExecutionStatus.SUCCEEDED) {
                succeeded.computeIfAbsent(row.job(), j -> new TreeSet<>()).add(row.target());
            }
            if (!row.status().finished()) {
                going.add(row.job());
            }
        }
    }

    /**
     * Whether every upstream job allows a run against {@code target}: it succeeded against it (or ran without a target
     * and succeeded), or it ran in the group without ever being run against it and is done.
     */
    public boolean readyFor(String target, Set<String> upstream) {
        return upstream.stream().allMatch(job -> succeededAgainst(job, target) || (!concerns(job, target) && done(job)));
    }

    /** Whether every upstream job is done in the group and succeeded against each of its targets. */
    public boolean readyOnce(Set<String> upstream) {
        return upstream.stream().allMatch(job -> done(job)
                && succeeded.getOrDefault(job, Set.of()).containsAll(targets.get(job)));
    }

    private boolean succeededAgainst(String job, String target) {
        Set<String> ok = succeeded.getOrDefault(job, Set.of());
        return ok.contains(target) || ok.contains("");
    }

    /** A job that has not run in the group yet may still run against any target. */
    private boolean concerns(String job, String target) {
        Set<String> ran = targets.get(job);
        return ran == null || ran.contains(target) || ran.contains("");
    }

    private boolean done(String job) {
        return targets.containsKey(job) && !going.contains(job);
    }
}
