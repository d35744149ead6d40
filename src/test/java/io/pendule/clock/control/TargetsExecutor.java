package io.pendule.clock.control;

import io.pendule.executors.control.JobExecutor;
import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunTargets;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An executor whose runs fan out to the targets its config lists ({@code targets}: "db1,db2"; none: nothing to run
 * against), at most {@code at_once} of them at once: the clock's fixture holds its runs, so it never executes one.
 */
final class TargetsExecutor implements JobExecutor {

    static final String NAME = "targets";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> config) {
        return List.of();
    }

    @Override
    public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
        return CompletableFuture.completedFuture(ExecutionResult.failed("the fixture holds its runs"));
    }

    @Override
    public RunTargets targets(Map<String, String> config) {
        String targets = config.getOrDefault("targets", "");
        return RunTargets.of(targets.isEmpty() ? List.of() : Arrays.asList(targets.split(",")), "no endpoint is activated");
    }

    @Override
    public int targetsAtOnce(Map<String, String> config) {
        return Integer.parseInt(config.getOrDefault("at_once", "0"));
    }
}
