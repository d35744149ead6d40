package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What follows runs, on a real PostgreSQL: history retention (count and age, queued and running rows kept),
 * notifications to a real local HTTP server and a real local SMTP server, and ephemeral jobs.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class FollowupsOnPostgresIT {

    private static final String NAME = "followups";
    private static final SmtpSink SMTP = startSmtp();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME, "pendule.prune.every=1s\npendule.smtp.host=127.0.0.1\n"
                + "pendule.smtp.port=" + SMTP.port() + "\npendule.smtp.from=pendule@it.example\n");
    }

    @AfterAll
    static void stopSmtp() throws IOException {
        SMTP.close();
    }

    private static SmtpSink startSmtp() {
        try {
            return new SmtpSink();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api api() {
        return new Api(base.toString() + "v1");
    }

    private static ObjectNode shellJob(String name, String schedule, String command) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", schedule).put("executor", "shell");
        job.putObject("executor_config").put("shell", "true").put("command", command);
        return job;
    }

    private static void create(Api api, ObjectNode job) {
        Api.Answer created = api.post("/jobs", job.toString());
        assertEquals(201, created.status(), created.body());
    }

    private static long run(Api api, String job) {
        Api.Answer answer = api.post("/jobs/" + job, "");
        assertEquals(202, answer.status(), answer.body());
        return Long.parseLong(answer.header("X-Execution-Id"));
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static Set<Long> executionIds(JsonNode executions) {
        Set<Long> ids = new TreeSet<>();
        executions.forEach(e -> ids.add(e.get("execution_id").asLong()));
        return ids;
    }

    // Retention

    @Test
    void aJobKeepingFiveExecutionsRunTwelveTimesKeepsItsFiveNewest() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("keep-five", "@manually", "echo run");
        job.put("keep_executions", 5);
        create(api, job);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(run(api, "keep-five"));
        }
        api.await("/jobs/keep-five", Duration.ofSeconds(30), j -> j.get("success_count").asInt() == 12);
        JsonNode kept = api.await("/jobs/keep-five/executions", Duration.ofSeconds(15), list -> list.size() == 5);
        assertEquals(new TreeSet<>(ids.subList(7, 12)), executionIds(kept), kept.toString());
        assertEquals("5", api.get("/jobs/keep-five/executions").header("X-Total-Count"));
    }

    @Test
    void anAgeLimitRemovesOldFinishedExecutionsButNeverQueuedOrRunningOnes() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("keep-an-hour", "@manually", "echo run");
        job.put("keep_executions_for", "1h");
        create(api, job);
        Instant now = Instant.now();
        Instant old = now.minus(3, ChronoUnit.HOURS);
        String db = Deployments.postgresUrl(NAME);
        insert(db, -1, "succeeded", old, old, null);
        insert(db, -2, "failed", now.minus(2, ChronoUnit.HOURS), now.minus(2, ChronoUnit.HOURS), null);
        insert(db, -3, "queued", old, null, null);
        insert(db, -4, "running", old, null, "a-node-still-running-it");
        insert(db, -5, "succeeded", now.minus(10, ChronoUnit.MINUTES), now.minus(10, ChronoUnit.MINUTES), null);
        await("the executions older than an hour to go", Duration.ofSeconds(15),
                () -> !ids(db, "keep-an-hour").contains(-1L) && !ids(db, "keep-an-hour").contains(-2L));
        assertEquals(Set.of(-5L, -4L, -3L), ids(db, "keep-an-hour"));
    }

    private static void insert(String db, long id, String status, Instant scheduledAt, Instant finishedAt, String node) {
        // a queued row due tomorrow is not claimed by the clock during the test; a running one holds a long lease
        TestDatabases.update(db, "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, "
                        + "node_name, created_at, not_before, started_at, finished_at, exit_code, lease_until) "
                        + "VALUES (?, 'keep-an-hour', ?, 1, 'api', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, id, status, scheduledAt, node, scheduledAt,
                status.equals("queued") ? Instant.now().plus(1, ChronoUnit.DAYS) : scheduledAt,
                finishedAt == null && !status.equals("running") ? null : scheduledAt,
                finishedAt, finishedAt == null ? null : 0,
                status.equals("running") ? Instant.now().plus(1, ChronoUnit.DAYS) : null);
    }

    private static Set<Long> ids(String db, String job) {
        return new TreeSet<>(TestDatabases.query(db, "SELECT id FROM execution WHERE job_name = ?", rs -> rs.getLong(1), job));
    }

    // Notifications

    @Test
    void aFailingJobNotifiesOnceAfterItsRetriesAndNotItsSuccessHook() throws Exception {
        try (CountingServer server = new CountingServer()) {
            Api api = api();
            ObjectNode job = shellJob("fails-and-tells", "@manually", "echo 'say \"hi\"'; exit 3");
            job.put("retries", 1);
            var notifications = job.putArray("notifications");
            notifications.addObject().put("on", "failure").put("webhook", server.url("/failure"));
            notifications.addObject().put("on", "success").put("webhook", server.url("/success"));
            notifications.addObject().put("on", "always").put("webhook", server.url("/template"))
                    .put("template", "{\"text\": \"{{job}} {{status}} after attempt {{attempt}}: {{output}}\"}");
            create(api, job);
            run(api, "fails-and-tells");
            JsonNode executions = api.await("/jobs/fails-and-tells/executions", Duration.ofSeconds(30),
                    list -> list.size() == 2 && StreamSupport.stream(list.spliterator(), false)
                            .allMatch(e -> e.get("status").asText().equals("failed")));
            long lastAttempt = StreamSupport.stream(executions.spliterator(), false)
                    .filter(e -> e.get("attempt").asInt() == 2).findFirst().orElseThrow().get("execution_id").asLong();
            await("the failure and template webhooks", Duration.ofSeconds(15),
                    () -> server.count("/failure") == 1 && server.count("/template") == 1);
            Thread.sleep(1_500);
            assertEquals(1, server.count("/failure"), "one notification, after the retry");
            assertEquals(0, server.count("/success"));
            assertEquals(1, server.count("/template"));

            CountingServer.Hit failure = server.hits.stream().filter(h -> h.path().equals("/failure")).findFirst().orElseThrow();
            assertEquals("POST", failure.method());
            JsonNode payload = Api.JSON.readTree(failure.body());
            assertEquals("fails-and-tells", payload.get("job").asText());
            assertEquals(lastAttempt, payload.get("execution_id").asLong());
            assertEquals("failed", payload.get("status").asText());
            assertEquals(2, payload.get("attempt").asInt());
            assertEquals(3, payload.get("exit_code").asInt());
            assertEquals("say \"hi\"\n", payload.get("output").asText());
            assertEquals("it-" + NAME, payload.get("node").asText());
            assertEquals("/v1/jobs/fails-and-tells/executions/" + lastAttempt, payload.get("link").asText());
            assertTrue(Instant.parse(payload.get("finished_at").asText()).isAfter(Instant.parse(payload.get("started_at").asText()).minusMillis(1)));
            assertEquals(200, api.get(payload.get("link").asText().substring("/v1".length())).status());

            String text = server.hits.stream().filter(h -> h.path().equals("/template")).findFirst().orElseThrow().body();
            assertEquals("fails-and-tells failed after attempt 2: say \"hi\"\n", Api.JSON.readTree(text).get("text").asText());
        }
    }

    @Test
    void aWebhookThatIsDownChangesNothingForTheJobNorForTheOtherNotifications() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (CountingServer server = new CountingServer()) {
            Api api = api();
            ObjectNode job = shellJob("hook-down", "@manually", "echo fine");
            var notifications = job.putArray("notifications");
            notifications.addObject().put("on", "always").put("webhook", "http://127.0.0.1:" + deadPort + "/hook?token=secret");
            notifications.addObject().put("on", "success").put("webhook", server.url("/after"));
            create(api, job);
            run(api, "hook-down");
            JsonNode done = api.await("/jobs/hook-down", Duration.ofSeconds(20), j -> j.get("success_count").asInt() == 1);
            assertEquals("success", done.get("status").asText());
            assertEquals(0, done.get("error_count").asInt());
            await("the webhook that is up", Duration.ofSeconds(10), () -> server.count("/after") == 1);
            JsonNode execution = api.get("/jobs/hook-down/executions").json().get(0);
            assertEquals("succeeded", execution.get("status").asText());
        }
    }

    @Test
    void aWebhookThatIsDownAtFirstGetsTheNotificationOnceWhenItComesUp() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Api api = api();
        ObjectNode job = shellJob("hook-later", "@manually", "echo fine");
        job.putArray("notifications").addObject().put("on", "always").put("webhook", "http://127.0.0.1:" + port + "/later");
        create(api, job);
        long id = run(api, "hook-later");
        String db = Deployments.postgresUrl(NAME);
        // the webhook's own 3 attempts (1 s, 2 s apart) failed: the outbox keeps it for later
        await("the first failed attempt recorded in the outbox", Duration.ofSeconds(30), () -> TestDatabases.query(db,
                "SELECT 1 FROM follow_up WHERE execution_id = ? AND attempts >= 1 AND last_error IS NOT NULL",
                rs -> 1, id).size() == 1);
        try (CountingServer receiver = new CountingServer(port)) {
            await("the notification, once the receiver is up", Duration.ofSeconds(30), () -> receiver.count("/later") == 1);
            await("the outbox row to go", Duration.ofSeconds(10), () -> followUps(db, id) == 0);
            Thread.sleep(RUN_OUTCOMES_POLL_MS * 2);
            assertEquals(1, receiver.count("/later"), "one notification once it went through");
            assertEquals(id, Api.JSON.readTree(receiver.hits.get(0).body()).get("execution_id").asLong());
        }
    }

    /** As a node leaves them when it is killed right after recording an outcome: another node does what follows it. */
    @Test
    void aDependentLeftInTheOutboxByADeadNodeIsQueuedOnce() throws Exception {
        Api api = api();
        create(api, shellJob("left-parent", "@manually", "echo parent"));
        ObjectNode child = shellJob("left-child", "", "echo child");
        child.put("parent_job", "left-parent");
        create(api, child);
        String db = Deployments.postgresUrl(NAME);
        Instant finished = Instant.now().minusSeconds(1);
        TestDatabases.update(db, "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, "
                + "node_name, created_at, not_before, started_at, finished_at, exit_code) "
                + "VALUES (-100, 'left-parent', -100, 1, 'api', 'succeeded', ?, 'a-killed-node', ?, ?, ?, ?, 0)",
                finished, finished, finished, finished, finished);
        TestDatabases.update(db, "INSERT INTO follow_up (execution_id, downstream, notifies, ephemeral, created_at, "
                + "next_attempt_at) VALUES (-100, TRUE, FALSE, FALSE, ?, ?)", finished, finished);
        await("the child to run in the parent's group", Duration.ofSeconds(15), () -> TestDatabases.query(db,
                "SELECT 1 FROM execution WHERE job_name = 'left-child' AND group_id = -100 AND status = 'succeeded'",
                rs -> 1).size() == 1);
        await("the outbox row to go", Duration.ofSeconds(10), () -> followUps(db, -100) == 0);
        Thread.sleep(RUN_OUTCOMES_POLL_MS * 2);
        assertEquals(Set.of(-100L), ids(db, "left-parent"));
        assertEquals(1, ids(db, "left-child").size(), "one child run");
    }

    private static final long RUN_OUTCOMES_POLL_MS = 2_000;

    private static long followUps(String db, long executionId) {
        return TestDatabases.query(db, "SELECT 1 FROM follow_up WHERE execution_id = ?", rs -> 1, executionId).size();
    }

    @Test
    void aFailureIsMailedToTheJobsOwnerThroughSmtp() throws Exception {
        Api api = api();
        ObjectNode job = shellJob("mailed", "@manually", "echo disk full; exit 1");
        job.put("owner_email", "ops@example.com");
        job.putArray("notifications").addObject().put("on", "failure").put("email", true);
        create(api, job);
        long id = run(api, "mailed");
        await("the mail", Duration.ofSeconds(20), () -> SMTP.mails.stream().anyMatch(m -> m.to().contains("ops@example.com")));
        SmtpSink.Mail mail = SMTP.mails.stream().filter(m -> m.to().contains("ops@example.com")).findFirst().orElseThrow();
        assertEquals("pendule@it.example", mail.from());
        assertEquals("[Pendule] failed mailed execution " + id, mail.header("Subject"));
        assertTrue(mail.data().contains("Status:      failed"), mail.data());
        assertTrue(mail.data().contains("disk full"), mail.data());
        assertEquals(1, SMTP.mails.size(), "one mail, for the one failure");
    }

    // Ephemeral jobs

    @Test
    void anEphemeralJobIsDeletedAfterItSucceedsButNotAfterAFailureNorWhileAJobNamesIt() throws Exception {
        Api api = api();
        // late enough for the child to be created before its ephemeral parent runs and is deleted, even on a slow machine
        String at = "@at " + Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        for (var spec : Map.of("once-ok", "echo done", "once-fails", "exit 1", "once-parent", "echo done").entrySet()) {
            ObjectNode job = shellJob(spec.getKey(), at, spec.getValue());
            job.put("ephemeral", true);
            create(api, job);
        }
        ObjectNode child = shellJob("once-child", "", "echo child");
        child.put("parent_job", "once-parent");
        create(api, child);

        await("once-ok to be deleted", Duration.ofSeconds(20), () -> api.get("/jobs/once-ok").status() == 404);
        assertEquals(Set.of(), ids(Deployments.postgresUrl(NAME), "once-ok"), "its executions went with it");
        api.await("/jobs/once-fails", Duration.ofSeconds(10), j -> j.get("error_count").asInt() == 1);
        api.await("/jobs/once-parent", Duration.ofSeconds(10), j -> j.get("success_count").asInt() == 1);
        Thread.sleep(1_000);
        assertEquals(200, api.get("/jobs/once-fails").status(), "a failed ephemeral job stays");
        assertEquals(200, api.get("/jobs/once-parent").status(), "an ephemeral job with a child stays");
    }

    @Test
    void anEphemeralJobWaitsForItsOtherRunsBeforeItIsDeleted() throws Exception {
        Api api = api();
        String firstRunOnly = "/tmp/pendule-it-ephemeral-" + java.util.UUID.randomUUID();
        ObjectNode job = shellJob("once-twice", "@manually",
                "if mkdir " + firstRunOnly + " 2>/dev/null; then sleep 4; rmdir " + firstRunOnly + "; fi; echo done");
        job.put("ephemeral", true);
        create(api, job);
        long slow = run(api, "once-twice");
        api.await("/jobs/once-twice/executions", Duration.ofSeconds(10),
                list -> list.size() == 1 && list.get(0).get("status").asText().equals("running"));
        long quick = run(api, "once-twice");
        api.await("/jobs/once-twice/executions/" + quick, Duration.ofSeconds(10),
                e -> e.get("status").asText().equals("succeeded"));
        Thread.sleep(500);
        JsonNode slowRun = api.get("/jobs/once-twice/executions/" + slow).json();
        assertEquals("running", slowRun.get("status").asText(), "the job stays while its other run goes on");
        await("once-twice to be deleted after its last run", Duration.ofSeconds(15),
                () -> api.get("/jobs/once-twice").status() == 404);
    }
}
