package io.pendule.executions.entity;

import jakarta.interceptor.Interceptor;

import java.time.Instant;

/**
 * A run's final outcome, announced (as a CDI event) once it is recorded: succeeded, or failed, timed out,
 * skipped, cancelled or orphaned with no retry to come. What follows a run observes it: dependent jobs,
 * notifications, ephemeral jobs. {@code output} is the end of what the run printed, at most a few kB;
 * {@code followUps} names the one observer that has something to do (the others return at once, without a query):
 * the outbox (executions.control.RunOutcomes) announces each kind apart, and again when its observer threw, so an
 * observer throws when it failed and must bear being called twice for one outcome. {@code target}: the execution's
 * target when its job's run fans out (an endpoint's slug), "" otherwise.
 */
public record RunFinished(long executionId, String jobName, long groupId, int attempt, ExecutionStatus status,
                          Instant startedAt, Instant finishedAt, Integer exitCode, String output, String error,
                          String node, FollowUps followUps, String target) {

    /*
     * The order of its observers (@Priority, lowest first) is a contract: notifications read the job, and dependents are
     * queued, before an ephemeral job that succeeded is deleted.
     */
    public static final int NOTIFY = Interceptor.Priority.APPLICATION;
    public static final int QUEUE_DEPENDENTS = Interceptor.Priority.APPLICATION + 500;
    public static final int DELETE_EPHEMERAL = Interceptor.Priority.APPLICATION + 900;

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }
}
