package io.pendule.tracing.control;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.pendule.platform.Settings;
import io.pendule.tracing.entity.RunTrace;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunTracerTest {

    private static final Instant FIRE = Instant.parse("2026-12-06T10:00:00Z");

    /** Spans as the SDK exports them, kept in memory. */
    private static final class KeptSpans implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static RunTracer tracer(Map<String, String> settings) {
        RunTracer tracer = new RunTracer();
        tracer.settings = Settings.of(settings);
        return tracer;
    }

    @Test
    void tracesAreOffByDefaultAndThenNeitherAskForOpenTelemetryNorMakeASpan() {
        for (Map<String, String> settings : List.of(Map.<String, String>of(), Map.of("otel.sdk.disabled", "true"),
                Map.of("otel.sdk.disabled", "no"))) {
            RunTracer tracer = tracer(settings);
            tracer.open(); // its Instance<OpenTelemetry> is null: asking for it would throw
            assertFalse(tracer.enabled(), settings.toString());
            RunTrace trace = tracer.claimed("job", 1, 1, "schedule", "", FIRE, FIRE);
            assertSame(RunTrace.NONE, trace);
            assertNull(trace.traceparent());
        }
    }

    @Test
    void aRunIsOneSpanFromItsFireToItsEndWithItsAttributesEventsAndTraceparent() {
        KeptSpans kept = new KeptSpans();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(kept)).build()).build()) {
            RunTracer tracer = tracer(Map.of("otel.sdk.disabled", "false", "pendule.node.name", "node-a"));
            assertTrue(tracer.settings.tracesEnabled());
            tracer.use(sdk);
            Instant claimed = FIRE.minusMillis(800);
            Instant started = FIRE.plusMillis(2);
            RunTrace trace = tracer.claimed("backup", 42, 2, "retry", "db-eu", FIRE, claimed);
            trace.started(started, "1796590000000000000-node-a");
            String traceparent = trace.traceparent();
            trace.finished(FIRE.plusSeconds(3), "timed_out", true);
            sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);

            assertEquals(1, kept.spans.size());
            SpanData span = kept.spans.get(0);
            assertEquals("run backup", span.getName());
            assertEquals(SpanKind.INTERNAL, span.getKind());
            assertFalse(span.getParentSpanContext().isValid(), "a run is the root of its trace");
            assertEquals("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex(),
                    traceparent);
            assertTrue(span.getSpanContext().isSampled());
            assertEquals(claimed, Instant.ofEpochSecond(0, span.getStartEpochNanos()), "begins at the earlier of fire and claim");
            assertEquals(FIRE.plusSeconds(3), Instant.ofEpochSecond(0, span.getEndEpochNanos()));
            assertEquals(List.of("claimed", "started"), span.getEvents().stream().map(EventData::getName).toList());
            assertEquals(started, Instant.ofEpochSecond(0, span.getEvents().get(1).getEpochNanos()));
            assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
            assertEquals(Map.of("pendule.job", "backup", "pendule.execution_row", 42L, "pendule.execution_id",
                    "1796590000000000000-node-a", "pendule.attempt", 2L, "pendule.node", "node-a", "pendule.trigger", "retry",
                    "pendule.target", "db-eu", "pendule.fire_at", FIRE.toString(), "pendule.status", "timed_out"),
                    attributes(span));
        }
    }

    @Test
    void aQueuedRunBeginsAtItsFireAndARunWithoutTargetHasNoTargetAttribute() {
        KeptSpans kept = new KeptSpans();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(kept)).build()).build()) {
            RunTracer tracer = tracer(Map.of("otel.sdk.disabled", "FALSE", "pendule.node.name", "node-a"));
            tracer.use(sdk);
            RunTrace trace = tracer.claimed("report", 7, 1, "api", "", FIRE, FIRE.plusSeconds(30));
            trace.finished(FIRE.plusSeconds(31), "succeeded", false);
            SpanData span = kept.spans.get(0);
            assertEquals(FIRE, Instant.ofEpochSecond(0, span.getStartEpochNanos()), "the time it waited in the queue shows");
            assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
            assertNull(span.getAttributes().get(AttributeKey.stringKey("pendule.target")));
            assertNull(span.getAttributes().get(AttributeKey.stringKey("pendule.execution_id")), "it never started");
        }
    }

    private static Map<String, Object> attributes(SpanData span) {
        Map<String, Object> attributes = new java.util.HashMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
        return attributes;
    }
}
