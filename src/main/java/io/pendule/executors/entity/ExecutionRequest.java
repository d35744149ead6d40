package io.pendule.executors.entity;

import java.util.Map;

/** What an executor needs to run one execution of a job, and the signal that stops it (see {@link StopSignal}). */
public record ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config, StopSignal stop) {

    /** A run nothing will stop but its own end or its executor's timeout. */
    public ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config) {
        this(executionId, jobName, attempt, config, new StopSignal());
    }
}
