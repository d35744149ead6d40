package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunTargets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * How a job runs. Implementations are CDI beans, found by {@link #name()} (the job's {@code executor}).
 * The config is Dkron's {@code executor_config}: string keys to string values.
 */
public interface JobExecutor {

    String name();

    /** Every problem of the config, checked when the job is saved; empty when the config is valid. */
    List<ConfigError> validate(Map<String, String> config);

    /**
     * Starts the run and completes when it ends. Must not block the caller for the duration of the run;
     * the returned stage never completes exceptionally for a problem of the job itself (that is a failed result).
     */
    CompletionStage<ExecutionResult> execute(ExecutionRequest request);

    /**
     * What one run of a job with this config runs against, asked when the run is queued (a fire, a run now, a dependent
     * run): one execution per target, all in the run's group. Most executors run once, without a target.
     */
    default RunTargets targets(Map<String, String> config) {
        return RunTargets.ONE;
    }

    /** How many of a run's targets may run at once, across the cluster; 0 for no limit. */
    default int targetsAtOnce(Map<String, String> config) {
        return 0;
    }

    /**
     * The config one execution against {@code target} runs with, before its secret references are resolved (and their
     * values masked in its output) by the runner: an executor that fans out adds what the target brings.
     */
    default Map<String, String> configFor(Map<String, String> config, String target) {
        return config;
    }
}
