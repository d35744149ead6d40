package io.pendule.executions.entity;

import java.util.Locale;

/** Where an execution stands. Queued and running are the only states that change again. */
public enum ExecutionStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, CANCELLED, ORPHANED,
    /** A fire that did not run because the cluster was down, paused or overloaded past the job's misfire policy. */
    MISSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    public boolean success() {
        return this == SUCCEEDED;
    }
}
