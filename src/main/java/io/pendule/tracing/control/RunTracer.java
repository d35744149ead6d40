package io.pendule.tracing.control;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.pendule.platform.Settings;
import io.pendule.tracing.entity.RunTrace;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Instant;

/**
 * Traces runs with the OpenTelemetry that Payara's MicroProfile Telemetry sets up from the standard {@code OTEL_*}
 * settings: one span per run, from the earlier of its fire and its claim to its end (docs/operations.md, "Traces").
 * Off unless {@code OTEL_SDK_DISABLED=false}, as Payara's own default; then Payara's OpenTelemetry is never asked for
 * and a run's trace is {@link RunTrace#NONE}.
 */
@ApplicationScoped
public class RunTracer {

    static final AttributeKey<String> JOB = AttributeKey.stringKey("pendule.job");
    static final AttributeKey<Long> EXECUTION_ROW = AttributeKey.longKey("pendule.execution_row");
    static final AttributeKey<String> EXECUTION_ID = AttributeKey.stringKey("pendule.execution_id");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("pendule.attempt");
    static final AttributeKey<String> NODE = AttributeKey.stringKey("pendule.node");
    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("pendule.trigger");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("pendule.target");
    static final AttributeKey<String> FIRE_AT = AttributeKey.stringKey("pendule.fire_at");
    static final AttributeKey<String> STATUS = AttributeKey.stringKey("pendule.status");

    @Inject
    Settings settings;
    @Inject
    Instance<OpenTelemetry> telemetry;

    /** Null while traces are off. */
    private Tracer tracer;
    private String node;

    /**
     * Payara's OpenTelemetry knows its application from the calling thread: it is asked once here, on a thread of the
     * application, and its tracer kept for the runner's own threads.
     */
    @PostConstruct
    void open() {
        if (settings.tracesEnabled()) {
            use(telemetry.get());
        }
    }

    void use(OpenTelemetry openTelemetry) {
        node = settings.nodeName();
        tracer = openTelemetry.getTracer("io.pendule");
    }

    public boolean enabled() {
        return tracer != null;
    }

    /**
     * The trace of a run this node has just claimed: its span begins at the earlier of its fire (its scheduled
     * instant) and its claim, so that the time it waited in the queue shows; an event marks the claim.
     */
    public RunTrace claimed(String job, long executionRow, int attempt, String trigger, String target, Instant fireAt,
                            Instant claimedAt) {
        if (tracer == null) {
            return RunTrace.NONE;
        }
        Instant begins = fireAt.isBefore(claimedAt) ? fireAt : claimedAt;
        SpanBuilder span = tracer.spanBuilder("run " + job)
                .setNoParent()
                .setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(begins)
                .setAttribute(JOB, job)
                .setAttribute(EXECUTION_ROW, executionRow)
                .setAttribute(ATTEMPT, (long) attempt)
                .setAttribute(NODE, node)
                .setAttribute(TRIGGER, trigger)
                .setAttribute(FIRE_AT, fireAt.toString());
        if (!target.isEmpty()) {
            span.setAttribute(TARGET, target);
        }
        RunSpan run = new RunSpan(span.startSpan());
        return run.claimed(claimedAt);
    }
}
