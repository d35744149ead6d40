package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life of a run on a real PostgreSQL: retries as new executions of the group after the job's delays, the job
 * timeout stopping a shell command (with what it forked) and an HTTP request, cancelling queued and running
 * executions, and runs of a dead node orphaned when their lease runs out, so that a forbid job goes on.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class LifecycleOnPostgresIT {

    private static final String NAME = "lifecycle";
    private static final String DATABASE = TestDatabases.SERVER + "pendule_it_" + NAME;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME);
    }

    private Api api() {
        return new Api(base.toString() + "v1");
    }

    static ObjectNode shellJob(String name, String schedule, String command) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", schedule).put("executor", "shell");
        job.putObject("executor_config").put("command", command).put("shell", "true");
        return job;
    }

    private static Path tempFile(String name) throws Exception {
        Path file = Files.createTempFile("pendule-" + name, ".pid");
        Files.delete(file);
        return file;
    }

    private static long pidIn(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && !Files.readString(file).isBlank() && Files.readString(file).endsWith("\n")) {
                return Long.parseLong(Files.readString(file).trim());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pid written to " + file);
    }

    private static void assertGone(long pid, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (CoreScenarios.running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(CoreScenarios.running(pid), what + " " + pid + " survived");
    }

    private static String runNow(Api api, String job) {
        Api.Answer run = api.post("/jobs/" + job, "");
        assertEquals(202, run.status(), run.body());
        return run.header("X-Execution-Id");
    }

    @Test
    void aFailedRunIsRetriedAsNewExecutionsOfItsGroupAfterTheJobsDelays() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("retrying", "@manually", "exit 1");
        job.put("retries", 2).put("retry_delay", "2s").put("retry_backoff", 1.5).put("retry_max_delay", "1m");
        assertEquals(201, api.post("/jobs", job.toString()).status());
        runNow(api, "retrying");
        api.await("/jobs/retrying/executions", Duration.ofSeconds(20), list -> list.size() == 3
                && StreamSupport.stream(list.spliterator(), false).allMatch(e -> e.get("status").asText().equals("failed")));

        record Attempt(long group, int attempt, String trigger, Instant notBefore, Instant startedAt, Instant finishedAt) {
        }
        List<Attempt> attempts = TestDatabases.query(DATABASE, "SELECT group_id, attempt, trigger, not_before, started_at, "
                + "finished_at FROM execution WHERE job_name = 'retrying' ORDER BY attempt", rs -> new Attempt(rs.getLong(1),
                rs.getInt(2), rs.getString(3), TestDatabases.instant(rs, 4), TestDatabases.instant(rs, 5), TestDatabases.instant(rs, 6)));
        assertEquals(List.of(1, 2, 3), attempts.stream().map(Attempt::attempt).toList());
        assertEquals(List.of("api", "retry", "retry"), attempts.stream().map(Attempt::trigger).toList());
        assertEquals(1, attempts.stream().map(Attempt::group).distinct().count(), "one group: " + attempts);
        Duration[] delays = {Duration.ofSeconds(2), Duration.ofSeconds(3)};
        for (int i = 1; i < 3; i++) {
            Duration waited = Duration.between(attempts.get(i - 1).finishedAt(), attempts.get(i).notBefore());
            assertTrue(waited.compareTo(delays[i - 1]) >= 0 && waited.compareTo(delays[i - 1].plusSeconds(1)) < 0,
                    "attempt " + (i + 1) + " not before " + waited + " after the failure, expected " + delays[i - 1]);
            assertFalse(attempts.get(i).startedAt().isBefore(attempts.get(i).notBefore()), "started before its time: " + attempts);
        }
        api.await("/jobs/retrying", Duration.ofSeconds(5), j -> j.get("error_count").asInt() == 3);
    }

    @Test
    void theJobTimeoutKillsAShellCommandAndTheChildItForked() throws Exception {
        Api api = api();
        Path childPid = tempFile("timeout-child");
        ObjectNode job = shellJob("slow-shell", "@manually", "sleep 30 & echo $! > " + childPid + "; wait");
        job.put("timeout", "1s");
        assertEquals(201, api.post("/jobs", job.toString()).status());
        String id = runNow(api, "slow-shell");
        JsonNode execution = api.await("/jobs/slow-shell/executions/" + id, Duration.ofSeconds(15),
                e -> !e.get("status").asText().matches("queued|running"));
        assertEquals("timed_out", execution.get("status").asText(), execution.toString());
        assertEquals("job timeout 1s exceeded", execution.get("error").asText());
        Duration ran = Duration.between(Instant.parse(execution.get("started_at").asText()),
                Instant.parse(execution.get("finished_at").asText()));
        assertTrue(ran.compareTo(Duration.ofSeconds(1)) >= 0 && ran.compareTo(Duration.ofSeconds(3)) < 0, "ran " + ran);
        assertGone(pidIn(childPid), "forked child");
    }

    @Test
    void theJobTimeoutCancelsAnHttpRequest() throws Exception {
        HttpServer hanging = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        var handlers = java.util.concurrent.Executors.newCachedThreadPool();
        hanging.setExecutor(handlers);
        hanging.createContext("/", exchange -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hanging.start();
        try {
            Api api = api();
            ObjectNode job = Api.JSON.createObjectNode();
            job.put("name", "slow-http").put("schedule", "@manually").put("executor", "http").put("timeout", "1s");
            job.putObject("executor_config").put("method", "GET").put("timeout", "60")
                    .put("url", "http://127.0.0.1:" + hanging.getAddress().getPort() + "/hang");
            assertEquals(201, api.post("/jobs", job.toString()).status());
            String id = runNow(api, "slow-http");
            JsonNode execution = api.await("/jobs/slow-http/executions/" + id, Duration.ofSeconds(15),
                    e -> !e.get("status").asText().matches("queued|running"));
            assertEquals("timed_out", execution.get("status").asText(), execution.toString());
            assertEquals("job timeout 1s exceeded", execution.get("error").asText());
            Duration ran = Duration.between(Instant.parse(execution.get("started_at").asText()),
                    Instant.parse(execution.get("finished_at").asText()));
            assertTrue(ran.compareTo(Duration.ofSeconds(3)) < 0, "ran " + ran);
        } finally {
            hanging.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void cancellingARunningShellRunStopsItAndItsChild() throws Exception {
        Api api = api();
        Path shellPid = tempFile("cancel-shell");
        Path childPid = tempFile("cancel-child");
        assertEquals(201, api.post("/jobs", shellJob("long-shell", "@manually",
                "echo $$ > " + shellPid + "; sleep 30 & echo $! > " + childPid + "; wait").toString()).status());
        String id = runNow(api, "long-shell");
        long shell = pidIn(shellPid);
        long child = pidIn(childPid);

        Api.Answer cancel = api.post("/jobs/long-shell/executions/" + id + "/cancel", "");
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals("running", cancel.json().get("status").asText(), cancel.body());
        assertTrue(cancel.json().has("cancel_requested_at"), cancel.body());

        JsonNode execution = api.await("/jobs/long-shell/executions/" + id, Duration.ofSeconds(5),
                e -> !e.get("status").asText().equals("running"));
        assertEquals("cancelled", execution.get("status").asText(), execution.toString());
        assertEquals("cancelled by request", execution.get("error").asText());
        assertGone(shell, "shell");
        assertGone(child, "forked child");

        Api.Answer again = api.post("/jobs/long-shell/executions/" + id + "/cancel", "");
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().contains("already finished"), again.body());
    }

    @Test
    void cancellingAQueuedRunCancelsItAtOnce() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("nowhere", "@manually", "true");
        job.putObject("tags").put("zone", "nowhere");
        assertEquals(201, api.post("/jobs", job.toString()).status());
        String id = runNow(api, "nowhere");
        assertEquals("queued", api.get("/jobs/nowhere/executions/" + id).json().get("status").asText());

        Api.Answer cancel = api.post("/jobs/nowhere/executions/" + id + "/cancel", "");
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals("cancelled", cancel.json().get("status").asText(), cancel.body());
        assertEquals("cancelled by request", cancel.json().get("error").asText());
        assertEquals(409, api.post("/jobs/nowhere/executions/" + id + "/cancel", "").status());
        assertEquals(404, api.post("/jobs/nowhere/executions/999999999/cancel", "").status());
        assertEquals(404, api.post("/jobs/retrying-not-there/executions/" + id + "/cancel", "").status());
    }

    /**
     * The retry of the orphaned run succeeds, or, on a loaded machine where it starts while a fire of the job runs,
     * is skipped by the forbid policy (which applies to retries too): either way it was not wedged.
     */
    private static boolean retryDone(JsonNode e) {
        return e.get("status").asText().equals("succeeded") || e.get("status").asText().equals("skipped")
                && e.get("error").asText().contains("concurrency forbid");
    }

    @Test
    void aForbidJobIsNotWedgedByTheRunOfADeadNode() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("forbid-ghost", "@every 1s", "true");
        // the retry lands between two fires (the job runs for a few ms each second), so forbid lets it run
        job.put("concurrency", "forbid").put("retries", 1).put("retry_delay", "3500ms");
        assertEquals(201, api.post("/jobs", job.toString()).status());
        Instant now = Instant.now();
        Instant longAgo = now.minusSeconds(120);
        TestDatabases.update(DATABASE, "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, "
                + "node_name, created_at, not_before, started_at, lease_until) "
                + "VALUES (7, 'forbid-ghost', 7, 1, 'schedule', 'running', ?, 'ghost', ?, ?, ?, ?)",
                longAgo, longAgo, longAgo, longAgo, now.minusSeconds(60));

        JsonNode orphaned = api.await("/jobs/forbid-ghost/executions/7", Duration.ofSeconds(15),
                e -> !e.get("status").asText().equals("running"));
        assertEquals("orphaned", orphaned.get("status").asText(), orphaned.toString());
        assertEquals("lease expired: node ghost stopped renewing", orphaned.get("error").asText());

        JsonNode history = api.await("/jobs/forbid-ghost/executions?_end=1000", Duration.ofSeconds(15), list ->
                StreamSupport.stream(list.spliterator(), false).anyMatch(e -> e.get("group").asLong() == 7
                        && e.get("attempt").asInt() == 2 && retryDone(e))
                && StreamSupport.stream(list.spliterator(), false).anyMatch(e -> e.get("trigger").asText().equals("schedule")
                        && e.get("status").asText().equals("succeeded")
                        && Instant.parse(e.get("started_at").asText()).isAfter(Instant.parse(orphaned.get("finished_at").asText()))));
        JsonNode retry = StreamSupport.stream(history.spliterator(), false)
                .filter(e -> e.get("group").asLong() == 7 && e.get("attempt").asInt() == 2).findFirst().orElseThrow();
        assertEquals("retry", retry.get("trigger").asText());
        assertTrue(StreamSupport.stream(history.spliterator(), false).anyMatch(e -> e.get("status").asText().equals("skipped")),
                "while a run of the forbid job was held or queued, its fires were skipped: " + history);
        api.delete("/jobs/forbid-ghost");
    }
    /**
     * Issue 11, D3: a row running under a live node's process that the process does not hold (a claim whose COMMIT
     * answer was lost, a start that died) was renewed by that node forever and wedged the forbid job. Now the node's
     * look at its rows orphans it within seconds, and the job fires again.
     */
    @Test
    void aForbidJobIsNotWedgedByARowItsLiveNodeDoesNotHold() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("forbid-unheld", "@every 1s", "true");
        job.put("concurrency", "forbid");
        assertEquals(201, api.post("/jobs", job.toString()).status());
        List<String[]> nodes = TestDatabases.query(DATABASE, "SELECT name, incarnation FROM node WHERE incarnation IS NOT NULL "
                + "ORDER BY heartbeat_at DESC", rs -> new String[] {rs.getString(1), rs.getString(2)});
        assertEquals(1, nodes.size(), "one live node");
        Instant now = Instant.now();
        TestDatabases.update(DATABASE, "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, "
                + "node_name, created_at, not_before, started_at, incarnation) "
                + "VALUES (8, 'forbid-unheld', 8, 1, 'schedule', 'running', ?, ?, ?, ?, ?, ?)",
                now, nodes.get(0)[0], now, now, now, nodes.get(0)[1]);

        JsonNode orphaned = api.await("/jobs/forbid-unheld/executions/8", Duration.ofSeconds(10),
                e -> !e.get("status").asText().equals("running"));
        assertEquals("orphaned", orphaned.get("status").asText(), orphaned.toString());
        assertTrue(orphaned.get("error").asText().startsWith("claimed by node " + nodes.get(0)[0] + ", which never ran it"),
                orphaned.toString());
        Instant finished = Instant.parse(orphaned.get("finished_at").asText());
        assertTrue(Duration.between(now, finished).compareTo(Duration.ofSeconds(5)) < 0, "within seconds: " + orphaned);
        api.await("/jobs/forbid-unheld/executions?_end=1000", Duration.ofSeconds(10), list ->
                StreamSupport.stream(list.spliterator(), false).anyMatch(e -> e.get("status").asText().equals("succeeded")
                        && Instant.parse(e.get("started_at").asText()).isAfter(finished)));
        api.delete("/jobs/forbid-unheld");
    }
}
