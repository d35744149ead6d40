package io.pendule.executions.entity;

import java.util.Locale;

/** What started an execution. */
public enum Trigger {
    SCHEDULE, MANUAL, API, RETRY, DEPENDENCY, STARTUP;

    /** Made once: a run's trace asks for it on the hot path. */
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Trigger ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
