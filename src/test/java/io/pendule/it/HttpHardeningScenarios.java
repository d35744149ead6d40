package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbound hardening end to end, on any database: a catastrophic {@code expectBody} fails its run within seconds
 * while other http jobs run; TLS files only inside PENDULE_TLS_DIR; webhook URLs read strictly; e-mail only to the
 * allowed domains (a real SMTP sink); a masked secret in the editor kept only for its target. Each deployment gets
 * {@link #SETTINGS}. Run once per database by the subclasses, which share the local target and SMTP sink (daemon
 * threads, gone with the test JVM).
 */
abstract class HttpHardeningScenarios extends PagesIT {

    static final Path TLS_DIR = tlsDir();
    static final SmtpSink SMTP = smtpSink();
    static final HttpServer TARGET = target();
    static final String SETTINGS = "pendule.tls.dir=" + TLS_DIR + "\npendule.smtp.host=127.0.0.1\npendule.smtp.port="
            + SMTP.port() + "\npendule.smtp.from=pendule@it.example\npendule.smtp.allowed.domains=example.com\n";
    private static final String TARGET_URL = "http://127.0.0.1:" + TARGET.getAddress().getPort();

    @Test
    void aCatastrophicExpectBodyFailsWithinSecondsWhileAnotherHttpJobRuns() throws Exception {
        Api api = api();
        create(api, httpJob("redos", TARGET_URL + "/many-a", "expectBody", "(a+)+$"));
        create(api, httpJob("plain", TARGET_URL + "/hello"));
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) { // more than the HTTP client's 4 threads, which they all held before
            assertEquals(202, api.post("/jobs/redos", "").status());
        }
        Thread.sleep(500);
        long plainStart = System.nanoTime();
        JsonNode plain = api.post("/jobs/plain?wait=true", "").json();
        assertEquals("succeeded", plain.get("status").asText(), plain.toString());
        // a stalled client would hold it for hours; the bound is loose for a loaded machine
        assertTrue(Duration.ofNanos(System.nanoTime() - plainStart).toSeconds() < 10, "the other job ran meanwhile");
        JsonNode runs = api.await("/jobs/redos/executions", Duration.ofSeconds(60), list -> list.size() == 6
                && java.util.stream.StreamSupport.stream(list.spliterator(), false).noneMatch(run -> run.get("finished_at").asText().startsWith("0001")));
        for (JsonNode failed : runs) {
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            assertEquals("expectBody took longer than 1 s to match: simplify the pattern", failed.get("error").asText());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60, "within seconds, not hours");
    }

    @Test
    void anExpectBodyOverAThousandCharactersIsRefusedAtSave() {
        Api.Answer refused = api().post("/jobs",
                httpJob("long-pattern", TARGET_URL + "/hello", "expectBody", "a".repeat(1001)).toString());
        assertEquals(400, refused.status(), refused.body());
        assertProblem(refused, "executor_config.expectBody", "must be at most 1000 characters");
    }

    @Test
    void tlsFilesAreReadOnlyInsideTheTlsDirectoryAndARefusalTellsNothingOfFilesOutside() throws Exception {
        Api api = api();
        create(api, httpJob("tls-inside", "https://127.0.0.1:1/", "tlsRootCAsFile", "ca.pem"));
        String expected = "must name a file inside PENDULE_TLS_DIR (" + TLS_DIR + ")";
        for (String outside : List.of("/etc/passwd", "/etc/no-such-file.pem", "../" + TLS_DIR.getFileName() + "-not/x.pem",
                "to-etc/passwd", "to-etc/not-there")) {
            Api.Answer refused = api.post("/jobs",
                    httpJob("tls-outside", "https://127.0.0.1:1/", "tlsRootCAsFile", outside).toString());
            assertEquals(400, refused.status(), outside + ": " + refused.body());
            assertProblem(refused, "executor_config.tlsRootCAsFile", expected);
        }
        assertEquals(404, api.get("/jobs/tls-outside").status(), "nothing stored");
    }

    @Test
    void aWebhookUrlIsReadStrictlyAndARefusalNeverRepeatsIt() {
        for (String url : List.of("https://hooks.example/services/T0/sec ret-token", "https://hooks.example:70000/sec-token")) {
            ObjectNode job = httpJob("bad-hook", TARGET_URL + "/hello");
            job.putArray("notifications").addObject().put("on", "always").put("webhook", url);
            Api.Answer refused = api().post("/jobs", job.toString());
            assertEquals(400, refused.status(), refused.body());
            assertEquals("notifications[0].webhook", refused.json().get("violations").get(0).get("field").asText(), refused.body());
            assertFalse(refused.body().contains("token"), refused.body());
        }
    }

    @Test
    void eMailGoesOnlyToTheAllowedDomains() throws Exception {
        Api api = api();
        ObjectNode outside = httpJob("mail-outside", TARGET_URL + "/hello").put("owner_email", "me@attacker.example");
        outside.putArray("notifications").addObject().put("on", "always").put("email", true);
        Api.Answer refused = api.post("/jobs", outside.toString());
        assertEquals(400, refused.status(), refused.body());
        assertProblem(refused, "owner_email", "e-mail notifications may only go to the domains of "
                + "PENDULE_SMTP_ALLOWED_DOMAINS (example.com), not attacker.example");

        ObjectNode inside = httpJob("mail-inside", TARGET_URL + "/hello").put("owner_email", "ops@example.com");
        inside.putArray("notifications").addObject().put("on", "always").put("email", true);
        create(api, inside);
        assertEquals("succeeded", api.post("/jobs/mail-inside?wait=true", "").json().get("status").asText());
        await(() -> SMTP.mails.stream().anyMatch(mail -> mail.to().contains("ops@example.com")));
    }

    @Test
    void aMaskedSecretInTheEditorIsKeptOnlyForItsOrigin() throws Exception {
        create(api(), httpJob("bearer", "https://api.example.com/v1/report", "headers", "[\"Authorization: Bearer hdr-s3cret\"]"));
        EditorForm moved = EditorForm.of(okPage("/jobs/bearer/edit")).with("http_url", "https://attacker.example/collect");
        assertEquals("Authorization: ••••", moved.fields.get("http_headers").trim());
        HttpResponse<String> refused = post(moved);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("the masked value of Authorization cannot be kept because the URL&#39;s origin "
                + "changed: type it again") || refused.body().contains("the masked value of Authorization cannot be kept "
                + "because the URL's origin changed: type it again"), refused.body());
        JsonNode stored = api().get("/jobs/bearer").json().get("executor_config");
        assertEquals("https://api.example.com/v1/report", stored.get("url").asText(), "nothing saved");

        HttpResponse<String> cloned = post(EditorForm.of(okPage("/jobs/bearer/clone")).with("name", "bearer-copy")
                .with("http_url", "https://attacker.example/collect"));
        assertEquals(400, cloned.statusCode(), "a clone elsewhere does not take the secret either");
        assertEquals(404, api().get("/jobs/bearer-copy").status());

        assertEquals(302, post(EditorForm.of(okPage("/jobs/bearer/edit")).with("http_url", "https://api.example.com/v2/report"))
                .statusCode(), "another path on the same origin keeps it");
        assertTrue(api().get("/jobs/bearer").json().get("executor_config").get("headers").asText().contains("hdr-s3cret"));
        assertEquals(302, post(EditorForm.of(okPage("/jobs/bearer/edit")).with("http_url", "https://attacker.example/collect")
                .with("http_headers", "Authorization: Bearer typed-again")).statusCode(), "typed again: saved");
        assertFalse(api().get("/jobs/bearer").json().get("executor_config").get("headers").asText().contains("hdr-s3cret"));
    }

    /** {@code config}: more executor_config keys and values. */
    private static ObjectNode httpJob(String name, String url, String... config) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", "@manually").put("executor", "http")
                .put("concurrency", "allow");
        ObjectNode executorConfig = job.putObject("executor_config").put("method", "GET").put("url", url).put("timeout", "20");
        for (int i = 0; i < config.length; i += 2) {
            executorConfig.put(config[i], config[i + 1]);
        }
        return job;
    }

    private static void create(Api api, ObjectNode job) {
        Api.Answer created = api.post("/jobs", job.toString());
        assertEquals(201, created.status(), created.body());
    }

    private static void assertProblem(Api.Answer answer, String field, String message) {
        JsonNode errors = answer.json().get("violations");
        for (JsonNode error : errors) {
            if (error.get("field").asText().equals(field)) {
                assertEquals(message, error.get("message").asText(), answer.body());
                return;
            }
        }
        throw new AssertionError("no problem named " + field + " in " + answer.body());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s");
            Thread.sleep(100);
        }
    }

    /** PENDULE_TLS_DIR with a CA file, and links leading out of it to /etc. */
    private static Path tlsDir() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")).toAbsolutePath(), "tls");
            Files.writeString(dir.resolve("ca.pem"), "not read at save");
            Files.createSymbolicLink(dir.resolve("to-etc"), Path.of("/etc"));
            return dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SmtpSink smtpSink() {
        try {
            return new SmtpSink();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** /hello answers "hello"; /many-a 50,000 a's and a b, which (a+)+$ never ends matching. */
    private static HttpServer target() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            server.createContext("/hello", exchange -> respond(exchange, "hello"));
            server.createContext("/many-a", exchange -> respond(exchange, "a".repeat(50_000) + "b"));
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "it-http-target");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
