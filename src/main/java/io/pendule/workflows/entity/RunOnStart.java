package io.pendule.workflows.entity;

import io.pendule.platform.Codes;

import java.util.List;
import java.util.Optional;

/** Whether a job runs when a worker node starts (its run_on_start); nodes starting together queue one run. */
public enum RunOnStart {
    /** No run at start-up. */
    NEVER,
    /** A run at each start-up. */
    ALWAYS,
    /** A run at start-up until one has succeeded, unless one is queued or running. */
    IF_NEVER_SUCCEEDED;

    /** The code in JSON and the database: never, always, if_never_succeeded. */
    public String code() {
        return Codes.of(this);
    }

    public static List<String> codes() {
        return Codes.all(RunOnStart.class);
    }

    /** The choice of a code; empty for an unknown one. */
    public static Optional<RunOnStart> ofCode(String code) {
        return Codes.find(RunOnStart.class, code);
    }
}
