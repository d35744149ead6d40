package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;

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
}
