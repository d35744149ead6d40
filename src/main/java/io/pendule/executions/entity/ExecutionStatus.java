package io.pendule.executions.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where an execution stands. Queued and running are the only states that change again. */
public enum ExecutionStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, CANCELLED, ORPHANED,
    /** A fire that did not run because the cluster was down, paused or overloaded past the job's misfire policy. */
    MISSED;

    /** The states that change again (queued, running), as a SQL list: {@code status IN (...)}. */
    public static final String UNFINISHED_LITERALS = Arrays.stream(values()).filter(s -> !s.finished())
            .map(ExecutionStatus::literal).collect(Collectors.joining(", "));

    /** Made once: every run's end asks for it. */
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    /**
     * The code as a SQL string literal ({@code 'running'}), to build constant statements from the enum: they stay
     * one prepared text each, and the index on status is used as with a written literal.
     */
    public String literal() {
        return "'" + code() + "'";
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
