package io.pendule.tracing.control;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.pendule.tracing.entity.RunTrace;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A run's span, on a node whose traces are on. */
final class RunSpan implements RunTrace {

    static final String TRACEPARENT = "traceparent";

    private final Span span;
    private final String traceparent;

    RunSpan(Span span) {
        this.span = span;
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        this.traceparent = carrier.get(TRACEPARENT);
    }

    RunSpan claimed(Instant at) {
        span.addEvent("claimed", at);
        return this;
    }

    @Override
    public void started(Instant at, String executionId) {
        span.setAttribute(RunTracer.EXECUTION_ID, executionId);
        span.addEvent("started", at);
    }

    @Override
    public String traceparent() {
        return traceparent;
    }

    @Override
    public void finished(Instant at, String status, boolean failed) {
        span.setAttribute(RunTracer.STATUS, status);
        if (failed) {
            span.setStatus(StatusCode.ERROR, status);
        }
        span.end(at);
    }
}
