package io.pendule.executors.entity;

import java.util.Map;

/**
 * What an executor needs to run one execution of a job, the signal that stops it (see {@link StopSignal}) and where
 * it shows its output while it runs (see {@link RunningOutput}), who the run is to the outside ({@link RunIdentity}), and
 * the target it runs against: for a job whose executor fans a run out (see JobExecutor#targets), the one target of this
 * execution (a pack job's endpoint slug); {@link #NO_TARGET} for every other run.
 */
public record ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config, StopSignal stop,
                               RunningOutput output, RunIdentity identity, String target) {

    public static final String NO_TARGET = "";

    public ExecutionRequest {
        target = target == null ? NO_TARGET : target;
    }

    /** A run without a target. */
    public ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config, StopSignal stop,
                            RunningOutput output, RunIdentity identity) {
        this(executionId, jobName, attempt, config, stop, output, identity, NO_TARGET);
    }

    /** A run known to the outside by its number only. */
    public ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config, StopSignal stop,
                            RunningOutput output) {
        this(executionId, jobName, attempt, config, stop, output, RunIdentity.of(executionId, attempt));
    }

    /** A run nothing will stop but its own end or its executor's timeout, and whose output nobody watches. */
    public ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config) {
        this(executionId, jobName, attempt, config, new StopSignal());
    }

    /** A run stopped by {@code stop}, whose output nobody watches while it runs. */
    public ExecutionRequest(long executionId, String jobName, int attempt, Map<String, String> config, StopSignal stop) {
        this(executionId, jobName, attempt, config, stop, new RunningOutput());
    }
}
