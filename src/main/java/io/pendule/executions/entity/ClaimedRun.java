package io.pendule.executions.entity;

import java.time.Instant;

/**
 * An execution this node has claimed and will start at {@code startAt}, how its job runs ({@link RunSpec}), and the
 * concurrency policy this run follows: the one it was queued with, or its job's when it was queued with none (null), and
 * its target (an endpoint's slug when its job's run fans out, "" otherwise), and what started it (its trace tells).
 */
public record ClaimedRun(long executionId, String jobName, long groupId, int attempt, Instant startAt,
                         Concurrency concurrency, RunSpec spec, String target, Trigger trigger) {

    public ClaimedRun {
        concurrency = concurrency != null ? concurrency : spec.concurrency();
        target = target == null ? "" : target;
    }

    /** Whether its start must be checked against the job's other runs. */
    public boolean exclusive() {
        return concurrency != null && concurrency.exclusive();
    }
}
