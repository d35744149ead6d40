package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Pendule must do on any database: fire a job every second against a real HTTP server, record a real
 * shell command's stdout, stderr and exit code, kill a timed-out command with its forked children, and refuse
 * bad jobs without storing anything; no CORS unless configured. Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class CoreScenarios {

    @ArquillianResource
    URL base;

    Api api() {
        return new Api(base.toString() + "v1");
    }

    static String job(String name, String schedule, String executor, Map<String, String> config) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", schedule).put("executor", executor);
        ObjectNode executorConfig = job.putObject("executor_config");
        config.forEach(executorConfig::put);
        return job.toString();
    }

    static JsonNode finishedExecution(Api api, String job) throws InterruptedException {
        JsonNode executions = api.await("/jobs/" + job + "/executions", Duration.ofSeconds(30),
                list -> list.size() > 0 && !list.get(0).get("status").asText().matches("queued|running"));
        return executions.get(0);
    }

    @Test
    void aJobEverySecondCallsARealHttpServerEverySecond() throws Exception {
        try (CountingServer server = new CountingServer()) {
            Api api = api();
            long createdAt = System.currentTimeMillis();
            Api.Answer created = api.post("/jobs", job("tick-http", "@every 1s", "http",
                    Map.of("method", "POST", "url", server.url("/tick"), "body", "{\"refresh\":true}",
                            "headers", "[\"Content-Type: application/json\"]", "expectCode", "200")));
            assertEquals(201, created.status(), created.body());
            Thread.sleep(6_000);
            api.delete("/jobs/tick-http");
            // The job lived from the POST until the DELETE returned; on a loaded machine that is longer than the
            // 6 s slept, and every second it lived may fire once, never more.
            long livedSeconds = (System.currentTimeMillis() - createdAt) / 1000;
            long hits = server.count("/tick");
            String when = server.hits.stream().map(h -> String.valueOf(h.atMillis() - createdAt)).toList().toString();
            assertTrue(hits >= 4 && hits <= livedSeconds + 1,
                    "expected one call a second in the " + livedSeconds + " s the job lived, got " + hits + " at ms " + when);
            assertTrue(server.hits.stream().allMatch(h -> h.method().equals("POST") && h.body().equals("{\"refresh\":true}")));
            // each call names its own fire: a whole second, never twice
            List<String> fires = server.hits.stream().map(h -> h.pendule().get("x-pendule-fire-at")).toList();
            assertTrue(fires.stream().allMatch(f -> f != null && Instant.parse(f).getNano() == 0), fires.toString());
            assertEquals(fires.size(), Set.copyOf(fires).size(), fires.toString());
        }
    }

    @Test
    void anHttpJobTellsTheReceiverWhichRunCallsIt() throws Exception {
        try (CountingServer server = new CountingServer()) {
            Api api = api();
            api.post("/jobs", job("http-identity", "@manually", "http",
                    Map.of("method", "GET", "url", server.url("/who"), "headers", "[\"X-Pendule-Attempt: 42\"]")));
            assertEquals(202, api.post("/jobs/http-identity", "").status());
            JsonNode execution = finishedExecution(api, "http-identity");
            Map<String, String> told = server.hits.get(0).pendule();
            assertEquals(execution.get("id").asText(), told.get("x-pendule-execution"), told.toString());
            assertEquals(Instant.parse(execution.get("scheduled_at").asText()), Instant.parse(told.get("x-pendule-fire-at")));
            assertEquals("1", told.get("x-pendule-attempt"), "the job's own header must not replace ours");
            assertEquals(execution.get("node_name").asText(), told.get("x-pendule-node"));
            Api.Answer lookedUp = api.get("/jobs/http-identity/executions/" + told.get("x-pendule-execution"));
            assertEquals(200, lookedUp.status(), lookedUp.body());
        }
    }

    @Test
    void aShellJobKnowsWhichRunItIs() throws Exception {
        Api api = api();
        api.post("/jobs", job("shell-identity", "@manually", "shell", Map.of("shell", "true",
                "command", "echo \"$PENDULE_EXECUTION_ID $PENDULE_FIRE_AT $PENDULE_ATTEMPT $PENDULE_NODE\"")));
        api.post("/jobs/shell-identity", "");
        JsonNode execution = finishedExecution(api, "shell-identity");
        String[] told = execution.get("stdout").asText().trim().split(" ");
        assertEquals(4, told.length, execution.toString());
        assertEquals(execution.get("id").asText(), told[0]);
        assertEquals(Instant.parse(execution.get("scheduled_at").asText()), Instant.parse(told[1]));
        assertEquals("1", told[2]);
        assertEquals(execution.get("node_name").asText(), told[3]);
    }

    @Test
    void theExecutionsOfAnHttpJobAreRecordedWithTheirStatusAndBody() throws Exception {
        try (CountingServer server = new CountingServer()) {
            Api api = api();
            api.post("/jobs", job("http-history", "@manually", "http", Map.of("method", "GET", "url", server.url("/x"))));
            assertEquals(202, api.post("/jobs/http-history", "").status());
            JsonNode execution = finishedExecution(api, "http-history");
            assertEquals("succeeded", execution.get("status").asText(), execution.toString());
            assertEquals(200, execution.get("exit_code").asInt());
            assertEquals("ok", execution.get("stdout").asText());
            assertEquals("api", execution.get("trigger").asText());
            JsonNode job = api.await("/jobs/http-history", Duration.ofSeconds(10), j -> j.get("success_count").asInt() == 1);
            assertEquals("success", job.get("status").asText());
        }
    }

    @Test
    void aShellJobKeepsStdoutStderrAndExitCode() throws Exception {
        Api api = api();
        Api.Answer created = api.post("/jobs", job("shell-output", "@manually", "shell",
                Map.of("command", "echo out; echo err >&2; exit 3", "shell", "true")));
        assertEquals(201, created.status(), created.body());
        api.post("/jobs/shell-output", "");
        JsonNode execution = finishedExecution(api, "shell-output");
        assertEquals("failed", execution.get("status").asText());
        assertEquals(3, execution.get("exit_code").asInt());
        assertEquals("out\n", execution.get("stdout").asText());
        assertEquals("err\n", execution.get("stderr").asText());
        assertFalse(execution.get("success").asBoolean());
        JsonNode job = api.await("/jobs/shell-output", Duration.ofSeconds(10), j -> j.get("error_count").asInt() == 1);
        assertEquals("failed", job.get("status").asText());
    }

    @Test
    void aTimeoutKillsTheCommandAndTheChildItForked() throws Exception {
        Path pidFile = Files.createTempFile("pendule-child", ".pid");
        Api api = api();
        api.post("/jobs", job("shell-timeout", "@manually", "shell",
                Map.of("command", "sleep 60 & echo $! > " + pidFile + "; wait", "shell", "true", "timeout", "1s")));
        api.post("/jobs/shell-timeout", "");
        JsonNode execution = finishedExecution(api, "shell-timeout");
        assertEquals("timed_out", execution.get("status").asText(), execution.toString());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Thread.sleep(200);
        assertFalse(running(child), "forked child " + child + " survived");
    }

    /** A killed child whose parent died too may stay a zombie until init reaps it: that is not running. */
    static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    @Test
    void badJobsAreRefusedWithTheFieldNamedAndNothingIsStored() {
        Api api = api();
        Map<String, String> badJobs = Map.of(
                "{\"name\": \"broken\", ", "body",
                job("bad-cron", "0 61 * * * *", "shell", Map.of("command", "true")), "schedule",
                "{\"name\":\"bad-tz\",\"schedule\":\"@daily\",\"timezone\":\"Mars/Olympus\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}", "timezone",
                job("bad-executor", "@daily", "carrier-pigeon", Map.of()), "executor",
                job("Bad Name", "@daily", "shell", Map.of("command", "true")), "name",
                job("bad-http", "@daily", "http", Map.of("method", "GET")), "executor_config.url",
                "{\"name\":\"bad-retries\",\"schedule\":\"@daily\",\"retries\":\"many\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}", "retries");
        badJobs.forEach((body, field) -> {
            Api.Answer answer = api.post("/jobs", body);
            assertEquals(400, answer.status(), body + " -> " + answer.body());
            JsonNode errors = answer.json().get("violations");
            assertTrue(StreamSupport.stream(errors.spliterator(), false).anyMatch(e -> e.get("field").asText().equals(field)),
                    "expected an error on " + field + " for " + body + ", got " + answer.body());
            assertTrue(answer.json().get("errors").path(field).isTextual(), "errors maps the field to its message: " + answer.body());
        });
        JsonNode stored = api.get("/jobs").json();
        assertTrue(StreamSupport.stream(stored.spliterator(), false).noneMatch(j -> j.get("name").asText().startsWith("bad")),
                stored.toString());
    }

    @Test
    void unknownJobsAnswer404() {
        Api api = api();
        assertEquals(404, api.get("/jobs/no-such-job").status());
        assertEquals(404, api.post("/jobs/no-such-job", "").status());
        assertEquals(404, api.delete("/jobs/no-such-job").status());
    }

    /** CORS is off by default (PENDULE_CORS_ORIGINS empty): a page of another origin gets no Access-Control-Allow-Origin. */
    @Test
    void noOriginIsAllowedCorsByDefault() {
        Api.Answer answer = api().send(java.net.http.HttpRequest.newBuilder().header("Origin", "https://ui.example").GET(), "/jobs");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(null, answer.header("Access-Control-Allow-Origin"), answer.headers().map().toString());
    }
}
