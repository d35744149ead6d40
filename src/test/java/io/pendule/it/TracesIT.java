package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.pendule.it.CoreScenarios.finishedExecution;
import static io.pendule.it.CoreScenarios.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traces (docs/operations.md, "Traces") on real nodes and a real OTLP receiver: a node with the standard OTEL_* settings
 * exports one span per run with the run's attributes, and what the run calls (an HTTP server, a shell command) gets the
 * W3C traceparent of that span; a node given an endpoint but not switched on exports nothing and tells no traceparent.
 */
class TracesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aTracedNodeExportsASpanPerRunAndHandsItsContextToWhatTheRunCalls() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver(); CountingServer cache = new CountingServer();
             PenduleProcess node = PenduleProcess.start("traced", null, PenduleProcess.freshDataDir("traced"), Map.of(
                     "OTEL_SDK_DISABLED", "false",
                     "OTEL_SERVICE_NAME", "pendule-traced",
                     "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                     "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                     "OTEL_LOGS_EXPORTER", "none",
                     "OTEL_BSP_SCHEDULE_DELAY", "200"))) {
            Api api = node.api();
            create(api, job("refresh-cache", "@manually", "http", Map.of("method", "GET", "url", cache.url("/refresh"))));
            create(api, job("shell-traced", "@manually", "shell", Map.of("shell", "true", "command", "echo \"$TRACEPARENT\"")));
            create(api, job("shell-fails", "@manually", "shell", Map.of("shell", "true", "command", "exit 3")));
            for (String name : List.of("refresh-cache", "shell-traced", "shell-fails")) {
                assertEquals(202, api.post("/jobs/" + name, "").status());
            }

            JsonNode http = finishedExecution(api, "refresh-cache");
            OtlpReceiver.ReceivedSpan httpSpan = runSpan(receiver, "refresh-cache");
            assertRunAttributes(httpSpan, http, "succeeded");
            assertEquals(Status.StatusCode.STATUS_CODE_UNSET, httpSpan.status());
            String told = cache.hits.get(0).pendule().get("traceparent");
            assertEquals(traceparent(httpSpan), told, "the cache manager's call carries the run span's context");

            JsonNode shell = finishedExecution(api, "shell-traced");
            OtlpReceiver.ReceivedSpan shellSpan = runSpan(receiver, "shell-traced");
            assertRunAttributes(shellSpan, shell, "succeeded");
            assertEquals(traceparent(shellSpan), shell.get("stdout").asText().trim(), "TRACEPARENT in the shell job's environment");
            assertFalse(shellSpan.traceId().equals(httpSpan.traceId()), "each run is a trace of its own");

            JsonNode failed = finishedExecution(api, "shell-fails");
            OtlpReceiver.ReceivedSpan failedSpan = runSpan(receiver, "shell-fails");
            assertRunAttributes(failedSpan, failed, "failed");
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, failedSpan.status());
        }
    }

    @Test
    void aNodeNotSwitchedOnExportsNothingAndTellsNoTraceparent() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver(); CountingServer cache = new CountingServer()) {
            try (PenduleProcess node = PenduleProcess.start("untraced", null, PenduleProcess.freshDataDir("untraced"), Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                    "OTEL_BSP_SCHEDULE_DELAY", "200"))) {
                Api api = node.api();
                create(api, job("refresh-cache", "@manually", "http", Map.of("method", "GET", "url", cache.url("/refresh"))));
                create(api, job("shell-untraced", "@manually", "shell", Map.of("shell", "true", "command", "echo \"[$TRACEPARENT]\"")));
                assertEquals(202, api.post("/jobs/refresh-cache", "").status());
                assertEquals(202, api.post("/jobs/shell-untraced", "").status());
                assertEquals("succeeded", finishedExecution(api, "refresh-cache").get("status").asText());
                assertEquals("[]", finishedExecution(api, "shell-untraced").get("stdout").asText().trim());
                assertFalse(cache.hits.get(0).pendule().containsKey("traceparent"), cache.hits.get(0).toString());
                assertTrue(cache.hits.get(0).pendule().containsKey("x-pendule-execution"), "the run's identity is still told");
            }
            // the node has stopped: whatever it had to export, it would have sent by now
            assertEquals(0, receiver.exports.get(), "spans received: " + receiver.spans);
        }
    }

    private static void create(Api api, String job) {
        Api.Answer created = api.post("/jobs", job);
        assertEquals(201, created.status(), created.body());
    }

    private static OtlpReceiver.ReceivedSpan runSpan(OtlpReceiver receiver, String job) throws InterruptedException {
        return receiver.await(span -> job.equals(span.attributes().get("pendule.job")), PATIENCE, "of a run of " + job);
    }

    private static void assertRunAttributes(OtlpReceiver.ReceivedSpan span, JsonNode execution, String status) {
        assertEquals("pendule-traced", span.service(), span.toString());
        assertEquals("run " + execution.get("job_name").asText(), span.name());
        assertEquals("", span.parentSpanId(), "a run is the root of its trace");
        Map<String, String> attributes = span.attributes();
        assertEquals(execution.get("id").asText(), attributes.get("pendule.execution_id"), span.toString());
        assertEquals("1", attributes.get("pendule.attempt"));
        assertEquals("traced", attributes.get("pendule.node"));
        assertEquals("api", attributes.get("pendule.trigger"));
        assertEquals(status, attributes.get("pendule.status"));
        assertEquals(status, execution.get("status").asText());
        assertFalse(attributes.containsKey("pendule.target"), "no target: the run does not fan out");
        assertEquals(List.of("claimed", "started"), span.events());
        assertTrue(span.endNanos() > span.startNanos(), span.toString());
    }

    private static String traceparent(OtlpReceiver.ReceivedSpan span) {
        return "00-" + span.traceId() + "-" + span.spanId() + "-01";
    }
}
