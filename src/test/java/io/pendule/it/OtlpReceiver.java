package io.pendule.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1, in the test's process: what an OpenTelemetry collector is to a node. It
 * decodes each export (protobuf, as the OpenTelemetry SDK sends it with {@code OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf})
 * and keeps its spans.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span as received: its ids in hex, its attributes as strings, the resource's {@code service.name}. */
    record ReceivedSpan(String service, String name, String traceId, String spanId, String parentSpanId,
                        Map<String, String> attributes, List<String> events, Status.StatusCode status,
                        long startNanos, long endNanos) {
    }

    private final HttpServer server;
    final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    final AtomicInteger exports = new AtomicInteger();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                keep(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
                exports.incrementAndGet();
                byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The endpoint to give a node as OTEL_EXPORTER_OTLP_ENDPOINT (the SDK adds /v1/traces). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Waits for a span that satisfies {@code wanted}; fails after {@code patience}. */
    ReceivedSpan await(Predicate<ReceivedSpan> wanted, Duration patience, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            Optional<ReceivedSpan> found = spans.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no span " + what + " within " + patience + "; received: " + spans);
    }

    private void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new ReceivedSpan(service, span.getName(), hex(span.getTraceId().toByteArray()),
                            hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
                            attributes(span.getAttributesList()),
                            span.getEventsList().stream().map(Span.Event::getName).toList(),
                            span.getStatus().getCode(), span.getStartTimeUnixNano(), span.getEndTimeUnixNano()));
                }
            }
        }
    }

    private static Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> attributes = new TreeMap<>();
        for (KeyValue value : values) {
            AnyValue any = value.getValue();
            attributes.put(value.getKey(), switch (any.getValueCase()) {
                case INT_VALUE -> Long.toString(any.getIntValue());
                case BOOL_VALUE -> Boolean.toString(any.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(any.getDoubleValue());
                default -> any.getStringValue();
            });
        }
        return attributes;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
