package io.pendule.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 that answers "ok" and remembers every request it received. */
final class CountingServer implements AutoCloseable {

    /** {@code pendule}: the headers a run tells its identity in (X-Pendule-*, traceparent), by their lower-case name. */
    record Hit(String method, String path, String body, long atMillis, Map<String, String> pendule) {
    }

    private final HttpServer server;
    final List<Hit> hits = new CopyOnWriteArrayList<>();

    CountingServer() throws IOException {
        this(0);
    }

    /** On {@code port}, 0 for any free one. */
    CountingServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> pendule = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-pendule-") || lower.equals("traceparent")) {
                    pendule.put(lower, String.join(",", values));
                }
            });
            hits.add(new Hit(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body, System.currentTimeMillis(),
                    pendule));
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long count(String pathPrefix) {
        return hits.stream().filter(h -> h.path().startsWith(pathPrefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
