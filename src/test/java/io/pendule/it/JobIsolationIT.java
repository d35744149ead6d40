package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real node on PostgreSQL, started with a secret in its environment and an outbound guard that denies the loopback
 * network but 127.0.0.3: shell jobs never see Pendule's settings, and http jobs and webhooks never call what the guard
 * refuses, while allowed calls go on.
 */
class JobIsolationIT {

    private static final String SECRET = "leak-me-" + UUID.randomUUID();
    private static final String DATABASE = TestDatabases.freshPostgres("pendule_it_isolation");

    private static PenduleProcess node;
    private static Path dataDir;
    private static Api api;
    /** On 127.0.0.1, denied: counts what reaches it. */
    private static CountingServer denied;
    /** On 127.0.0.3, allowed within the denied network. */
    private static HttpServer allowed;
    private static final AtomicInteger ALLOWED_HITS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        denied = new CountingServer();
        allowed = HttpServer.create(new InetSocketAddress("127.0.0.3", 0), 10);
        allowed.createContext("/", exchange -> {
            ALLOWED_HITS.incrementAndGet();
            byte[] answer = "fine".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        allowed.start();
        dataDir = PenduleProcess.freshDataDir("isolation");
        node = PenduleProcess.start("isolation", DATABASE, dataDir, Map.of(
                "PENDULE_SMTP_PASSWORD", SECRET,
                "PENDULE_HTTP_DENY_NETWORKS", "127.0.0.0/8",
                "PENDULE_HTTP_ALLOW_NETWORKS", "127.0.0.3/32"));
        api = node.api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        denied.close();
        allowed.stop(0);
    }

    @Test
    void aShellJobSeesItsOwnEnvironmentAndNoneOfPendulesSettings() {
        ObjectNode job = job("printenv", "shell");
        job.putObject("executor_config").put("command", "env").put("env", "JOB_OWN=mine,PENDULE_CHOSEN=by-the-job");
        assertEquals(201, api.post("/jobs", job.toString()).status());

        JsonNode run = api.post("/jobs/printenv?wait=true", "").json();
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        Map<String, String> env = new TreeMap<>();
        run.get("stdout").asText().lines().map(line -> line.split("=", 2)).forEach(pair -> env.put(pair[0], pair[1]));
        assertEquals("mine", env.get("JOB_OWN"), env.toString());
        assertEquals("by-the-job", env.get("PENDULE_CHOSEN"), "a PENDULE_ variable the job sets itself");
        assertEquals("printenv", env.get("ENV_JOB_NAME"));
        assertEquals(run.get("id").asText(), env.get("PENDULE_EXECUTION_ID"), "the run's identity");
        env.keySet().removeAll(Set.of("PENDULE_CHOSEN", "PENDULE_EXECUTION_ID", "PENDULE_FIRE_AT",
                "PENDULE_ATTEMPT", "PENDULE_NODE"));
        assertTrue(env.keySet().stream().noneMatch(name -> name.startsWith("PENDULE_")), env.toString());
        assertFalse(run.get("stdout").asText().contains(SECRET), "the SMTP password reached the job");
        assertFalse(run.get("stdout").asText().contains(Deployments.ADMIN_TOKEN), "the admin token reached the job");
    }

    @Test
    void literalAddressesAndMetadataNamesTheGuardRefusesAreRefusedAtSaveNamingTheField() {
        for (String url : new String[]{"http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:8080/",
                "http://metadata.google.internal/computeMetadata/v1/"}) {
            Api.Answer answer = api.post("/jobs", httpJob("refused-at-save", url).toString());
            assertEquals(400, answer.status(), url + ": " + answer.body());
            assertTrue(answer.body().contains("executor_config.url"), answer.body());
            assertTrue(answer.body().contains("refused by the outbound guard"), answer.body());
        }
        ObjectNode job = httpJob("webhook-refused-at-save", "http://127.0.0.3:1/");
        job.putArray("notifications").addObject().put("on", "always").put("webhook", "http://169.254.169.254/hook");
        Api.Answer answer = api.post("/jobs", job.toString());
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.body().contains("notifications[0].webhook"), answer.body());
        assertEquals(404, api.get("/jobs/refused-at-save").status(), "nothing stored");
        assertEquals(404, api.get("/jobs/webhook-refused-at-save").status(), "nothing stored");
    }

    /** A job stored before the guard (written here in the database) fails at its run, before any connection. */
    @Test
    void aStoredJobToTheMetadataAddressFailsAtOnceWithTheGuardsReason() {
        assertEquals(201, api.post("/jobs", httpJob("metadata", "http://127.0.0.3:1/").toString()).status());
        assertEquals(1, TestDatabases.update(DATABASE, "UPDATE job SET executor_config = ? WHERE name = 'metadata'",
                "{\"method\":\"GET\",\"url\":\"http://169.254.169.254/latest/meta-data/\",\"timeout\":\"20\"}"));
        Instant start = Instant.now();
        JsonNode run = api.post("/jobs/metadata?wait=true", "").json();
        Duration took = Duration.between(start, Instant.now());
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertEquals("http: refused by the outbound guard: 169.254.169.254 is a link-local/metadata address; "
                + "PENDULE_HTTP_ALLOW_NETWORKS can allow it", run.get("error").asText(), run.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "refused without trying to connect (timeout 20 s): " + took);
    }

    @Test
    void aNameResolvingToADeniedAddressIsRefusedAtItsRunAndAnAllowedAddressIsCalled() {
        long before = denied.hits.size();
        String viaName = denied.url("/job").replace("127.0.0.1", "localhost");
        assertEquals(201, api.post("/jobs", httpJob("via-name", viaName).toString()).status(), "a name is judged at the run");
        JsonNode refused = api.post("/jobs/via-name?wait=true", "").json();
        assertEquals("failed", refused.get("status").asText(), refused.toString());
        assertTrue(refused.get("error").asText().startsWith("http: refused by the outbound guard: localhost resolves to "
                + "127.0.0.1, which is in PENDULE_HTTP_DENY_NETWORKS (127.0.0.0/8)"), refused.toString());
        assertEquals(before, denied.hits.size(), "no request reached the denied server");

        int hits = ALLOWED_HITS.get();
        assertEquals(201, api.post("/jobs", httpJob("allowed", allowedUrl("/ok")).toString()).status());
        JsonNode ran = api.post("/jobs/allowed?wait=true", "").json();
        assertEquals("succeeded", ran.get("status").asText(), ran.toString());
        assertEquals("fine", ran.get("stdout").asText());
        assertEquals(hits + 1, ALLOWED_HITS.get());
    }

    @Test
    void aWebhookToADeniedAddressIsNotSentAndLoggedWithoutItsPathWhileTheRunSucceeds() throws Exception {
        String hook = denied.url("/hook?token=webhook-secret").replace("127.0.0.1", "localhost");
        ObjectNode job = httpJob("notified", allowedUrl("/notified"));
        job.putArray("notifications").addObject().put("on", "always").put("webhook", hook);
        assertEquals(201, api.post("/jobs", job.toString()).status());

        JsonNode run = api.post("/jobs/notified?wait=true", "").json();
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        Path log = dataDir.resolve("isolation.log");
        String refusal = "to http://localhost:" + portOf(hook) + " refused by the outbound guard";
        Instant deadline = Instant.now().plusSeconds(15);
        while (!Files.readString(log).contains(refusal) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        // the audit log records the job's webhook address as the pages show it: only the refusal's lines matter here
        List<String> refusals = Files.readAllLines(log).stream().filter(line -> line.contains("Webhook notification for"))
                .toList();
        assertEquals(1, refusals.size(), "the log tells the webhook was refused, once: " + refusals);
        assertTrue(refusals.get(0).contains(refusal), refusals.get(0));
        assertFalse(refusals.get(0).contains("/hook") || refusals.get(0).contains("webhook-secret"),
                "the webhook's path and query are not logged: " + refusals.get(0));
        assertEquals(0, denied.count("/hook"), "the webhook was not sent");
        JsonNode after = api.get("/jobs/notified").json();
        assertEquals("success", after.get("status").asText(), after.toString());
        assertEquals(1, after.get("success_count").asInt(), after.toString());
    }

    private static int portOf(String url) {
        return URI.create(url).getPort();
    }

    private static String allowedUrl(String path) {
        return "http://127.0.0.3:" + allowed.getAddress().getPort() + path;
    }

    private static ObjectNode job(String name, String executor) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@manually").put("executor", executor);
        return job;
    }

    private static ObjectNode httpJob(String name, String url) {
        ObjectNode job = job(name, "http");
        job.putObject("executor_config").put("method", "GET").put("url", url).put("timeout", "20");
        return job;
    }
}
