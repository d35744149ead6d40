package io.pendule.executions.entity;

import java.util.Locale;

/** What started an execution. */
public enum Trigger {
    SCHEDULE, MANUAL, API, RETRY, DEPENDENCY, STARTUP;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Trigger ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
