package io.pendule.executions.entity;

/**
 * A run was queued and committed (run now, a dependent run, a start-up run): announced as a synchronous CDI event so
 * that the clock, which sits above the executions, looks at the queue at once instead of at its next tick.
 */
public record RunQueued(String jobName) {
}
