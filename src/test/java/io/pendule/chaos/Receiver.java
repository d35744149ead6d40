package io.pendule.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiver every chaos job calls: it logs each call with its arrival, the moment its answer was sent, and the
 * run's identity when the node sends it ({@code X-Pendule-Execution}, {@code X-Pendule-Fire-At},
 * {@code X-Pendule-Attempt}). Paths: {@code /<kind>/<job>}; {@code ?ms=} makes the answer wait that long.
 */
final class Receiver implements AutoCloseable {

    /** One call. {@code execution}, {@code fireAt} and {@code attempt} are empty when the node does not send them. */
    record Call(String kind, String job, Instant arrival, Instant sent, String execution, String fireAt, String attempt) {
        boolean identified() {
            return !execution.isEmpty();
        }
    }

    private static final Pattern REPORTED_EXECUTION = Pattern.compile("\"execution_id\"\\s*:\\s*(\\d+)");
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(48);
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(threads);
        server.createContext("/", this::answer);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Instant arrival = Instant.now();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        URI uri = exchange.getRequestURI();
        String[] parts = uri.getPath().split("/", 3);
        long wait = waitMillis(uri.getQuery());
        try {
            if (wait > 0) {
                Thread.sleep(wait);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        // a webhook names the run it reports in its JSON body
        Matcher reported = REPORTED_EXECUTION.matcher(body);
        String execution = reported.find() ? reported.group(1) : header(exchange, "X-Pendule-Execution");
        calls.add(new Call(parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "", arrival, Instant.now(),
                execution, header(exchange, "X-Pendule-Fire-At"), header(exchange, "X-Pendule-Attempt")));
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value.trim();
    }

    private static long waitMillis(String query) {
        if (query == null) {
            return 0;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("ms=")) {
                return Long.parseLong(pair.substring(3));
            }
        }
        return 0;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
