package io.pendule.executions.entity;

import java.time.Instant;

/**
 * The id the API shows for a started execution, Dkron's form: "&lt;started_at in Unix nanoseconds&gt;-&lt;node name&gt;".
 * A run tells it to the outside (its HTTP headers, its environment) so that a receiver can look the run up.
 */
public final class ApiExecutionId {

    private static final long NANOS = 1_000_000_000L;

    private ApiExecutionId() {
    }

    public static String of(Instant startedAt, String node) {
        return (startedAt.getEpochSecond() * NANOS + startedAt.getNano()) + "-" + node;
    }
}
