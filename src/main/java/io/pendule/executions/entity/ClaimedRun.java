package io.pendule.executions.entity;

import java.time.Instant;
import java.util.Map;

/**
 * An execution this node has claimed and will start at {@code startAt}, with what its job says about how: its
 * executor, the job's {@code timeout} ("" for none, a Go duration) and whether the job has gates to check first.
 */
public record ClaimedRun(long executionId, String jobName, long groupId, int attempt, Instant startAt,
                         String executor, Map<String, String> executorConfig, int retries, String timeout, boolean gated) {
}
