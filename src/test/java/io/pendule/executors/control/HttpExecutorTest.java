package io.pendule.executors.control;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunIdentity;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.StopSignal;
import io.pendule.executors.entity.Outcome;
import io.pendule.platform.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpExecutorTest {

    private record Received(String method, String body, Headers headers) {
    }

    private static final LinkedBlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private static HttpServer server;
    private static ExecutorService serverThreads;
    private static String base;

    private final HttpExecutor executor = new HttpExecutor();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(exchange.getRequestMethod(), body, exchange.getRequestHeaders()));
            respond(exchange, 200, "hello " + exchange.getRequestMethod());
        });
        server.createContext("/status", exchange ->
                respond(exchange, Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length())), "status"));
        server.createContext("/sleep", exchange -> {
            sleep(3000);
            respond(exchange, 200, "late");
        });
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 30; i++) {
                    out.write('.');
                    out.flush();
                    sleep(100);
                }
            } catch (IOException clientGone) {
                // expected: the executor gives up
            }
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] line = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopq\n"
                        .getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 10_000; i++) {
                    out.write(line);
                }
                out.write("END".getBytes(StandardCharsets.US_ASCII));
            }
        });
        server.createContext("/many-a", exchange -> respond(exchange, 200, "a".repeat(50_000) + "b"));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            respond(exchange, 302, "moved");
        });
        serverThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-http-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(serverThreads);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void getCapturesStatusAndBody() throws Exception {
        RECEIVED.clear();
        ExecutionResult result = run("method", "get", "url", base + "/echo");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertEquals(200, result.exitCode());
        assertEquals("hello GET", result.stdout());
        assertEquals("", result.stderr());
        assertFalse(result.outputTruncated());
        assertNull(result.error());
        assertEquals("GET", RECEIVED.poll(1, TimeUnit.SECONDS).method());
    }

    @Test
    void postSendsTheBodyAndHeadersWithColonsInValues() throws Exception {
        RECEIVED.clear();
        ExecutionResult result = run("method", "POST", "url", base + "/echo", "body", "{\"a\":1}",
                "headers", "[\"Content-Type: application/json\", \"X-Callback:  http://127.0.0.1:9/done \"]");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        Received received = RECEIVED.poll(1, TimeUnit.SECONDS);
        assertNotNull(received);
        assertEquals("POST", received.method());
        assertEquals("{\"a\":1}", received.body());
        assertEquals("application/json", received.headers().getFirst("Content-Type"));
        assertEquals("http://127.0.0.1:9/done", received.headers().getFirst("X-Callback"));
    }

    @Test
    void theRunTellsItsIdentityInHeadersThatReplaceTheJobsOwn() throws Exception {
        RECEIVED.clear();
        Map<String, String> config = Map.of("method", "GET", "url", base + "/echo",
                "headers", "[\"x-pendule-attempt: 99\", \"X-Pendule-Execution: forged\", \"X-Other: kept\"]");
        RunIdentity identity = new RunIdentity("1765000000123456000-node-a", Instant.parse("2026-12-06T01:02:03Z"), 2, "node-a", null);
        ExecutionResult result = executor.execute(new ExecutionRequest(7, "job", 2, config, new StopSignal(),
                new RunningOutput(), identity)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        Headers headers = RECEIVED.poll(1, TimeUnit.SECONDS).headers();
        assertEquals(List.of("1765000000123456000-node-a"), headers.get("X-Pendule-Execution"));
        assertEquals(List.of("2026-12-06T01:02:03Z"), headers.get("X-Pendule-Fire-At"));
        assertEquals(List.of("2"), headers.get("X-Pendule-Attempt"));
        assertEquals(List.of("node-a"), headers.get("X-Pendule-Node"));
        assertEquals("kept", headers.getFirst("X-Other"));
    }

    @Test
    void aRunWithoutAFireInstantSendsNoFireHeader() throws Exception {
        RECEIVED.clear();
        assertEquals(Outcome.SUCCEEDED, run("method", "GET", "url", base + "/echo").outcome());
        Headers headers = RECEIVED.poll(1, TimeUnit.SECONDS).headers();
        assertEquals("1", headers.getFirst("X-Pendule-Execution"));
        assertEquals("1", headers.getFirst("X-Pendule-Attempt"));
        assertFalse(headers.containsKey("X-Pendule-Fire-At"));
        assertFalse(headers.containsKey("traceparent"), "an untraced run tells no trace context");
    }

    @Test
    void aTracedRunSendsItsTraceparentInPlaceOfTheJobsOwn() throws Exception {
        RECEIVED.clear();
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Map<String, String> config = Map.of("method", "GET", "url", base + "/echo",
                "headers", "[\"Traceparent: 00-00000000000000000000000000000001-0000000000000001-00\"]");
        RunIdentity identity = new RunIdentity("1765000000123456000-node-a", null, 1, "node-a", traceparent);
        ExecutionResult result = executor.execute(new ExecutionRequest(7, "job", 1, config, new StopSignal(),
                new RunningOutput(), identity)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertEquals(List.of(traceparent), RECEIVED.poll(1, TimeUnit.SECONDS).headers().get("traceparent"));
    }

    @Test
    void anyStatusSucceedsWithoutExpectCode() throws Exception {
        ExecutionResult result = run("method", "GET", "url", base + "/status/500");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertEquals(500, result.exitCode());
    }

    @Test
    void expectCodeMatchAndMismatch() throws Exception {
        assertEquals(Outcome.SUCCEEDED, run("method", "GET", "url", base + "/status/206", "expectCode", "200,206").outcome());
        ExecutionResult mismatch = run("method", "GET", "url", base + "/status/500", "expectCode", "200,206");
        assertEquals(Outcome.FAILED, mismatch.outcome());
        assertEquals(500, mismatch.exitCode());
        assertTrue(mismatch.error().startsWith("received response code does not match the expected code"), mismatch.error());
        assertTrue(mismatch.error().contains("500") && mismatch.error().contains("206"), mismatch.error());
    }

    @Test
    void expectBodyMatchAndMismatch() throws Exception {
        assertEquals(Outcome.SUCCEEDED, run("method", "GET", "url", base + "/echo", "expectBody", "lo G").outcome());
        ExecutionResult mismatch = run("method", "GET", "url", base + "/echo", "expectBody", "^bye");
        assertEquals(Outcome.FAILED, mismatch.outcome());
        assertEquals("received response body did not match the expected body", mismatch.error());
        assertEquals("hello GET", mismatch.stdout());
    }

    /** The guard decides before the client is asked: the server sees nothing. */
    @Test
    void aHostTheOutboundGuardRefusesIsNeverCalled() throws Exception {
        RECEIVED.clear();
        HttpExecutor guarded = new HttpExecutor(new OutboundGuard(Settings.of(Map.of("pendule.http.deny.networks", "127.0.0.0/8"))));
        try {
            ExecutionResult result = guarded.execute(new ExecutionRequest(1, "job", 1, Map.of("method", "POST",
                    "url", base.replace("127.0.0.1", "localhost") + "/echo", "body", "x"))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(Outcome.FAILED, result.outcome());
            assertEquals("http: refused by the outbound guard: localhost resolves to 127.0.0.1, which is in "
                    + "PENDULE_HTTP_DENY_NETWORKS (127.0.0.0/8); PENDULE_HTTP_ALLOW_NETWORKS can allow it", result.error());
            Thread.sleep(200);
            assertTrue(RECEIVED.isEmpty(), "no request reached the server");
        } finally {
            guarded.shutdown();
        }
    }

    @Test
    void theMetadataAddressFailsAtOnceWithTheGuardsReason() throws Exception {
        long start = System.nanoTime();
        ExecutionResult result = run("method", "GET", "url", "http://169.254.169.254/latest/meta-data/", "timeout", "20");
        assertEquals(Outcome.FAILED, result.outcome());
        assertEquals("http: refused by the outbound guard: 169.254.169.254 is a link-local/metadata address; "
                + "PENDULE_HTTP_ALLOW_NETWORKS can allow it", result.error());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000, "refused before any connection");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        ExecutionResult result = run("method", "GET", "url", base + "/redirect");
        assertEquals(302, result.exitCode());
        assertEquals("moved", result.stdout());
    }

    @Test
    void aSlowServerTimesOut() throws Exception {
        ExecutionResult result = run("method", "GET", "url", base + "/sleep", "timeout", "1");
        assertEquals(Outcome.TIMED_OUT, result.outcome());
        assertEquals("http: request timed out after 1s", result.error());
    }

    @Test
    void aStopSignalCancelsTheRequestAtOnce() throws Exception {
        StopSignal stop = new StopSignal();
        var result = executor.execute(new ExecutionRequest(1, "job", 1,
                Map.of("method", "GET", "url", base + "/sleep", "timeout", "30"), stop)).toCompletableFuture();
        Thread.sleep(200);
        assertFalse(result.isDone());
        long stoppedAt = System.nanoTime();
        stop.stop();
        ExecutionResult stopped = result.get(2, TimeUnit.SECONDS);
        assertTrue(java.time.Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis() < 1000, "took too long to stop");
        assertEquals(Outcome.FAILED, stopped.outcome());
    }

    @Test
    void aBodyThatNeverEndsTimesOut() throws Exception {
        ExecutionResult result = run("method", "GET", "url", base + "/trickle", "timeout", "1");
        assertEquals(Outcome.TIMED_OUT, result.outcome());
    }

    @Test
    void aRefusedConnectionIsAFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        ExecutionResult result = run("method", "GET", "url", "http://127.0.0.1:" + closedPort + "/");
        assertEquals(Outcome.FAILED, result.outcome());
        assertNull(result.exitCode());
        assertTrue(result.error().startsWith("http: ") && result.error().contains("Connect"), result.error());
    }

    @Test
    void aLargeBodyKeepsItsTailAndIsFlagged() throws Exception {
        ExecutionResult result = run("method", "GET", "url", base + "/big");
        assertEquals(Outcome.SUCCEEDED, result.outcome());
        assertTrue(result.outputTruncated());
        assertEquals(TailBuffer.DEFAULT_CAPACITY, result.stdout().length());
        assertTrue(result.stdout().endsWith("nopq\nEND"));
    }

    @Test
    void jobsThatDifferOnlyByTheirTimeoutShareOneClient() throws Exception {
        for (int timeout = 1; timeout <= 100; timeout++) {
            assertEquals(Outcome.SUCCEEDED, run("method", "GET", "url", base + "/echo", "timeout", Integer.toString(timeout)).outcome());
        }
        assertEquals(1, executor.clientCount());
        run("method", "GET", "url", "https://127.0.0.1:1/", "tlsNoVerifyPeer", "true");
        assertEquals(2, executor.clientCount(), "another TLS setup, another client");
    }

    @Test
    void aCatastrophicExpectBodyFailsWithinSecondsWhileOtherHttpJobsRun() throws Exception {
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<ExecutionResult>> catastrophic = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) { // more than the client's 4 threads: before, every http job of the node stalled
            catastrophic.add(executor.execute(new ExecutionRequest(1, "redos", 1, Map.of("method", "GET",
                    "url", base + "/many-a", "expectBody", "(a+)+$", "timeout", "60"))).toCompletableFuture());
        }
        Thread.sleep(300);
        long other = System.nanoTime();
        ExecutionResult meanwhile = run("method", "GET", "url", base + "/echo", "expectCode", "200");
        assertEquals(Outcome.SUCCEEDED, meanwhile.outcome(), meanwhile::toString);
        assertTrue(Duration.ofNanos(System.nanoTime() - other).toMillis() < 500, "another job ran meanwhile, at once");
        for (var run : catastrophic) {
            ExecutionResult result = run.get(10, TimeUnit.SECONDS);
            assertEquals(Outcome.FAILED, result.outcome());
            assertEquals(200, result.exitCode());
            assertEquals("expectBody took longer than 1 s to match: simplify the pattern", result.error());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 6, "six slow matches, two at a time, 1 s each");
    }

    @Test
    void expectBodyIsFoundAnywhereInTheBody() throws Exception {
        assertEquals(Outcome.SUCCEEDED, run("method", "GET", "url", base + "/many-a", "expectBody", "a{3}b$").outcome());
        ExecutionResult missing = run("method", "GET", "url", base + "/many-a", "expectBody", "^b");
        assertEquals(Outcome.FAILED, missing.outcome());
        assertEquals("received response body did not match the expected body", missing.error());
    }

    private ExecutionResult run(String... keysAndValues) throws Exception {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return executor.execute(new ExecutionRequest(1, "job", 1, config)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
