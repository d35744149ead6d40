package io.pendule.executions.entity;

import java.util.List;

/**
 * The ends of these executions were just committed by this node's recorder (a CDI event, on the recorder's thread: an
 * observer only hands it on). Those waiting for a run's end (executions.control.RunWaiter) look at once.
 */
public record RunsRecorded(List<Long> executionIds) {
}
