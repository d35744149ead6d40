package io.pendule.tracing.entity;

import java.time.Instant;

/**
 * The trace of one run, from its fire to its end: one span. {@link #NONE} is every run's on a node whose traces are
 * off, so that such a node allocates nothing and exports nothing.
 */
public interface RunTrace {

    /** The run has started: its {@code executionId} as the API shows it. */
    void started(Instant at, String executionId);

    /** The W3C {@code traceparent} that puts what the run calls inside its span; null without a trace. */
    String traceparent();

    /** The run has ended as {@code status} (an execution status code); {@code failed} marks the span an error. */
    void finished(Instant at, String status, boolean failed);

    RunTrace NONE = new RunTrace() {
        @Override
        public void started(Instant at, String executionId) {
        }

        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public void finished(Instant at, String status, boolean failed) {
        }
    };
}
