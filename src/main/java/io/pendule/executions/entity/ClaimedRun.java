package io.pendule.executions.entity;

import java.time.Instant;
import java.util.Map;

/**
 * An execution this node has claimed and will start at {@code startAt}, with what its job says about how: its
 * executor, the job's {@code timeout} ("" for none, a Go duration), whether the job has gates to check first, and
 * the concurrency policy this run follows (the job's, or the one the run was queued with), and what follows its runs.
 */
public record ClaimedRun(long executionId, String jobName, long groupId, int attempt, Instant startAt,
                         String executor, Map<String, String> executorConfig, int retries, String timeout, boolean gated,
                         Concurrency concurrency, FollowUps followUps) {

    /** A run that may overlap the job's other runs, and that nothing follows. */
    public ClaimedRun(long executionId, String jobName, long groupId, int attempt, Instant startAt, String executor,
                      Map<String, String> executorConfig, int retries, String timeout, boolean gated) {
        this(executionId, jobName, groupId, attempt, startAt, executor, executorConfig, retries, timeout, gated, Concurrency.ALLOW,
                FollowUps.NONE);
    }

    /** Whether its start must be checked against the job's other runs. */
    public boolean exclusive() {
        return concurrency != null && concurrency.exclusive();
    }
}
