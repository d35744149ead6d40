package io.pendule.executions.entity;

import java.time.Instant;

/**
 * An execution row about to be inserted, one column each (executions.control.ExecutionRows writes it): a scheduled
 * fire, queued or already claimed by the node that fired it, a missed fire, a queued run (run now, a dependent run, a
 * start-up run) or a retry. {@code fireAt} is set for scheduled fires only, {@code dependencyGroup} for dependent runs
 * only: each is a unique key, with {@code target}, that makes a second insert of the same run impossible. {@code startedBy}
 * names who asked for a run by hand or through the API; null for the runs Pendule starts itself. {@code target}: the one
 * target of this execution when its job's run fans out (a pack job's endpoint slug), "" otherwise.
 */
public record NewExecution(long id, String jobName, long groupId, int attempt, Trigger trigger, ExecutionStatus status,
                           Instant scheduledAt, Instant fireAt, String nodeName, Instant createdAt, Instant notBefore,
                           Instant finishedAt, String error, String incarnation, Long dependencyGroup,
                           Concurrency concurrency, String startedBy, String target) {

    /** A fire of the job's schedule, queued for any node whose tags match; its own group. */
    public static NewExecution fire(long id, String jobName, Instant fireAt, Instant now) {
        return new NewExecution(id, jobName, id, 1, Trigger.SCHEDULE, ExecutionStatus.QUEUED, fireAt, fireAt, null, now,
                fireAt, null, null, null, null, null, null, "");
    }

    /** A fire the misfire policy let go, finished as soon as recorded. */
    public static NewExecution missed(long id, String jobName, Instant fireAt, Instant now, String reason) {
        return new NewExecution(id, jobName, id, 1, Trigger.SCHEDULE, ExecutionStatus.MISSED, fireAt, fireAt, null, now,
                fireAt, now, reason, null, null, null, null, "");
    }

    /**
     * A run to start now, first of its attempts; {@code dependencyGroup}: the run group of the upstream run that
     * triggered it, or null; {@code concurrency}: the policy it was queued with, or null for its job's.
     */
    public static NewExecution queued(long id, String jobName, long groupId, Trigger trigger, Instant now,
                                      Long dependencyGroup, Concurrency concurrency) {
        return new NewExecution(id, jobName, groupId, 1, trigger, ExecutionStatus.QUEUED, now, null, null, now, now,
                null, null, null, dependencyGroup, concurrency, null, "");
    }

    /** The attempt after a failed one, in its group and against its target, queued to start at {@code notBefore}. */
    public static NewExecution retry(long id, String jobName, long groupId, int attempt, String target, Instant notBefore,
                                     Instant now) {
        return new NewExecution(id, jobName, groupId, attempt, Trigger.RETRY, ExecutionStatus.QUEUED, notBefore, null,
                null, now, notBefore, null, null, null, null, null, null, target);
    }

    /** This row inserted already claimed: running on {@code node}, held by its process {@code incarnation}. */
    public NewExecution runningOn(String node, String incarnation) {
        return new NewExecution(id, jobName, groupId, attempt, trigger, ExecutionStatus.RUNNING, scheduledAt, fireAt, node,
                createdAt, notBefore, finishedAt, error, incarnation, dependencyGroup, concurrency, startedBy, target);
    }

    /** This row as asked for by {@code who} (a user's name, a token's owner, "anonymous"). */
    public NewExecution startedBy(String who) {
        return new NewExecution(id, jobName, groupId, attempt, trigger, status, scheduledAt, fireAt, nodeName, createdAt,
                notBefore, finishedAt, error, incarnation, dependencyGroup, concurrency, who, target);
    }

    /** A run that does not happen, finished as soon as recorded: its job's run had nothing to run against. */
    public NewExecution skipped(Instant now, String reason) {
        return new NewExecution(id, jobName, groupId, attempt, trigger, ExecutionStatus.SKIPPED, scheduledAt, fireAt, null,
                createdAt, notBefore, now, reason, null, dependencyGroup, concurrency, startedBy, target);
    }

    /** This row's sibling {@code id}, the execution of the same run (same group) against {@code target}. */
    public NewExecution against(long id, String target) {
        return new NewExecution(id, jobName, groupId, attempt, trigger, status, scheduledAt, fireAt, nodeName, createdAt,
                notBefore, finishedAt, error, incarnation, dependencyGroup, concurrency, startedBy, target);
    }
}
