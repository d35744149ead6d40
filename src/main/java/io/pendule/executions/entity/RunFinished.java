package io.pendule.executions.entity;

import java.time.Instant;

/**
 * A run's final outcome, announced (as a CDI event) once it is recorded: succeeded, or failed, timed out,
 * skipped, cancelled or orphaned with no retry to come. What follows a run observes it: dependent jobs,
 * notifications, ephemeral jobs. {@code output} is the end of what the run printed, at most a few kB;
 * {@code followUps} tells which observers have something to do (the others return at once, without a query).
 */
public record RunFinished(long executionId, String jobName, long groupId, int attempt, ExecutionStatus status,
                          Instant startedAt, Instant finishedAt, Integer exitCode, String output, String error,
                          String node, FollowUps followUps) {

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }
}
