package io.pendule.executors.entity;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a run is, as it tells the outside (HTTP headers, shell environment), so that a receiver can deduplicate calls
 * and look the run up: {@code executionId} in the form the API shows it, {@code fireAt} the run's scheduled instant
 * (its fire for a scheduled run; the instant it was queued to start for a retry, a run-now or a dependent run), its
 * {@code attempt} (1 for the first) and the {@code node} running it; and, where traces are on, the W3C
 * {@code traceparent} of the run's span (null otherwise), so that what the run calls shows inside its trace.
 */
public record RunIdentity(String executionId, Instant fireAt, int attempt, String node, String traceparent) {

    /** A run known by its number only, as tests and direct uses of an executor make it. */
    public static RunIdentity of(long executionId, int attempt) {
        return new RunIdentity(Long.toString(executionId), null, attempt, null, null);
    }

    /** The headers an HTTP job sends: they replace any header of the job with the same name. */
    public Map<String, String> headers() {
        return fields("X-Pendule-Execution", "X-Pendule-Fire-At", "X-Pendule-Attempt", "X-Pendule-Node", "traceparent");
    }

    /**
     * The environment variables a shell job gets: they replace any variable of the job with the same name.
     * {@code TRACEPARENT} is OpenTelemetry's name for the W3C header in an environment.
     */
    public Map<String, String> environment() {
        return fields("PENDULE_EXECUTION_ID", "PENDULE_FIRE_AT", "PENDULE_ATTEMPT", "PENDULE_NODE", "TRACEPARENT");
    }

    private Map<String, String> fields(String id, String fire, String attemptName, String nodeName, String traceName) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(id, executionId);
        if (fireAt != null) {
            fields.put(fire, DateTimeFormatter.ISO_INSTANT.format(fireAt));
        }
        fields.put(attemptName, Integer.toString(attempt));
        if (node != null) {
            fields.put(nodeName, node);
        }
        if (traceparent != null) {
            fields.put(traceName, traceparent);
        }
        return fields;
    }
}
