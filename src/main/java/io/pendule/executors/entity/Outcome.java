package io.pendule.executors.entity;

/** How an executor's run ended. */
public enum Outcome {
    SUCCEEDED, FAILED, TIMED_OUT
}
