package io.pendule.executions.boundary;

import io.pendule.executions.entity.ApiExecutionId;
import io.pendule.executions.entity.Execution;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dkron's execution id: "<started_at in Unix nanoseconds>-<node name>". */
public record DkronExecutionId(Instant startedAt, String node) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})-(.+)");
    private static final long NANOS = 1_000_000_000L;

    /** An execution not started yet has no Dkron id: it is known by its number. */
    static String of(Execution e) {
        if (e.getStartedAt() == null || e.getNodeName() == null) {
            return Long.toString(e.getId());
        }
        return ApiExecutionId.of(e.getStartedAt(), e.getNodeName());
    }

    public static Optional<DkronExecutionId> parse(String id) {
        Matcher m = FORMAT.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long nanos = Long.parseLong(m.group(1));
            return Optional.of(new DkronExecutionId(Instant.ofEpochSecond(nanos / NANOS, nanos % NANOS), m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
