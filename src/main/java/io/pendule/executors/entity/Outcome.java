package io.pendule.executors.entity;

/** How an executor's run ended. */
public enum Outcome {
    SUCCEEDED, FAILED, TIMED_OUT,
    /** Not run: refused before it started (a gate not met); the error says why. */
    SKIPPED
}
