package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workflows on a real PostgreSQL: dependent jobs (parent_job and depends_on with their trigger rules) run after their
 * upstream's final outcome, in the upstream run's group; gates hold a job back until the job it requires succeeded.
 * The jobs are real shell commands.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class WorkflowsOnPostgresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("workflows");
    }

    @ArquillianResource
    URL base;

    private Api api() {
        return new Api(base.toString() + "v1");
    }

    private static String shellJob(String name, String command, Consumer<ObjectNode> more) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@manually").put("executor", "shell");
        job.putObject("executor_config").put("command", command);
        more.accept(job);
        return job.toString();
    }

    private void create(String json) {
        Api.Answer answer = api().post("/jobs", json);
        assertEquals(201, answer.status(), answer.body());
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    /** The job's executions in the group, oldest first, once there are {@code count} finished ones. */
    private List<JsonNode> finishedInGroup(String job, long group, int count) throws InterruptedException {
        JsonNode all = api().await("/jobs/" + job + "/executions", PATIENCE, executions -> list(executions).stream()
                .filter(e -> e.get("group").asLong() == group && !e.get("status").asText().matches("queued|running")).count() >= count);
        return list(all).stream().filter(e -> e.get("group").asLong() == group).sorted(
                (a, b) -> Long.compare(a.get("execution_id").asLong(), b.get("execution_id").asLong())).toList();
    }

    private List<JsonNode> executions(String job) {
        return list(api().get("/jobs/" + job + "/executions").json());
    }

    private long runNow(String job) {
        Api.Answer answer = api().post("/jobs/" + job, "");
        assertEquals(202, answer.status(), answer.body());
        return Long.parseLong(answer.header("X-Execution-Id"));
    }

    /** The newest execution of the job that matches, once there is one. */
    private JsonNode firstWith(String job, java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        JsonNode all = api().await("/jobs/" + job + "/executions", PATIENCE, list -> list(list).stream().anyMatch(wanted));
        return list(all).stream().filter(wanted).findFirst().orElseThrow();
    }

    private static Instant at(JsonNode execution, String field) {
        return Instant.parse(execution.get(field).asText());
    }

    @Test
    void aChainRunsParentChildAndGrandchildInOrderInOneGroup() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "chain");
        Path log = dir.resolve("order.log");
        create(shellJob("chain-parent", "sh -c 'sleep 0.3; echo parent >> " + log + "'", j -> { }));
        create(shellJob("chain-child", "sh -c 'sleep 0.3; echo child >> " + log + "'", j -> j.put("parent_job", "chain-parent").put("schedule", "")));
        create(shellJob("chain-grandchild", "sh -c 'echo grandchild >> " + log + "'", j -> j.put("parent_job", "chain-child").put("schedule", "")));

        long group = runNow("chain-parent");

        JsonNode grandchild = finishedInGroup("chain-grandchild", group, 1).get(0);
        JsonNode child = finishedInGroup("chain-child", group, 1).get(0);
        JsonNode parent = finishedInGroup("chain-parent", group, 1).get(0);
        assertEquals(List.of("parent", "child", "grandchild"), Files.readAllLines(log));
        for (JsonNode e : List.of(parent, child, grandchild)) {
            assertEquals("succeeded", e.get("status").asText(), e.toString());
            assertEquals(group, e.get("group").asLong(), e.toString());
        }
        assertEquals("api", parent.get("trigger").asText());
        assertEquals("dependency", child.get("trigger").asText());
        assertEquals("dependency", grandchild.get("trigger").asText());
        assertFalse(at(child, "started_at").isBefore(at(parent, "finished_at")), "child started before its parent ended");
        assertFalse(at(grandchild, "started_at").isBefore(at(child, "finished_at")), "grandchild started before the child ended");
        assertEquals(1, executions("chain-child").size());
        assertEquals(1, executions("chain-grandchild").size());

        Api.Answer refused = api().delete("/jobs/chain-parent");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("chain-child"), refused.body());
    }

    @Test
    void onFailureAndAlwaysFollowTheFinalOutcomeOnly() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "rules");
        Path ok = dir.resolve("ok");
        create(shellJob("flaky", "test -f " + ok, j -> { }));
        create(shellJob("after-flaky-failed", "echo cleanup", j -> j.put("trigger_rule", "on_failure").putArray("depends_on").add("flaky")));
        create(shellJob("after-flaky-always", "echo report", j -> j.put("trigger_rule", "always").putArray("depends_on").add("flaky")));
        create(shellJob("after-flaky-succeeded", "echo next", j -> j.putArray("depends_on").add("flaky")));

        long failedGroup = runNow("flaky");
        assertEquals("failed", finishedInGroup("flaky", failedGroup, 1).get(0).get("status").asText());
        assertEquals("succeeded", finishedInGroup("after-flaky-failed", failedGroup, 1).get(0).get("status").asText());
        assertEquals("dependency", finishedInGroup("after-flaky-always", failedGroup, 1).get(0).get("trigger").asText());
        assertEquals(0, executions("after-flaky-succeeded").size(), "on_success ran after a failure");

        Files.createFile(ok);
        long succeededGroup = runNow("flaky");
        assertEquals("succeeded", finishedInGroup("after-flaky-succeeded", succeededGroup, 1).get(0).get("status").asText());
        assertEquals("succeeded", finishedInGroup("after-flaky-always", succeededGroup, 1).get(0).get("status").asText());
        assertEquals(1, executions("after-flaky-failed").size(), "on_failure ran after a success");

        // a failed attempt followed by a successful retry is a success: on_failure does not hear of the failure
        Path tried = dir.resolve("tried");
        create(shellJob("retried", "sh -c 'test -f " + tried + " || { touch " + tried + "; exit 1; }'",
                j -> j.put("retries", 1).put("retry_delay", "1s")));
        create(shellJob("after-retried-failed", "echo cleanup", j -> j.put("trigger_rule", "on_failure").putArray("depends_on").add("retried")));
        create(shellJob("after-retried-succeeded", "echo next", j -> j.putArray("depends_on").add("retried")));
        long retriedGroup = runNow("retried");
        List<JsonNode> attempts = finishedInGroup("retried", retriedGroup, 2);
        assertEquals(List.of("failed", "succeeded"), attempts.stream().map(e -> e.get("status").asText()).toList());
        assertEquals("succeeded", finishedInGroup("after-retried-succeeded", retriedGroup, 1).get(0).get("status").asText());
        assertEquals(0, executions("after-retried-failed").size(), "on_failure ran after a failure that was retried");
    }

    @Test
    void aFanInRunsOnceAfterEveryUpstreamSucceededInTheGroupAndNotAfterOne() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "fanin");
        Path breakRight = dir.resolve("break-right");
        create(shellJob("fan-root", "echo root", j -> { }));
        create(shellJob("fan-left", "echo left", j -> j.putArray("depends_on").add("fan-root")));
        create(shellJob("fan-right", "sh -c 'sleep 2; test ! -f " + breakRight + "'", j -> j.putArray("depends_on").add("fan-root")));
        create(shellJob("fan-join", "echo joined", j -> {
            j.put("trigger_rule", "all_success");
            j.putArray("depends_on").add("fan-left").add("fan-right");
        }));

        long group = runNow("fan-root");
        finishedInGroup("fan-left", group, 1);
        assertTrue(executions("fan-right").get(0).get("status").asText().matches("queued|running"),
                "the slow upstream should still be running");
        assertEquals(0, executions("fan-join").size(), "the join ran after one upstream of two");
        JsonNode join = finishedInGroup("fan-join", group, 1).get(0);
        assertEquals("succeeded", join.get("status").asText());
        assertFalse(at(join, "started_at").isBefore(at(finishedInGroup("fan-right", group, 1).get(0), "finished_at")));

        Files.createFile(breakRight);
        long brokenGroup = runNow("fan-root");
        assertEquals("succeeded", finishedInGroup("fan-left", brokenGroup, 1).get(0).get("status").asText());
        assertEquals("failed", finishedInGroup("fan-right", brokenGroup, 1).get(0).get("status").asText());
        Thread.sleep(1_000); // what would follow the failure is queued within milliseconds of it
        assertEquals(1, executions("fan-join").size(), "the join ran though one upstream failed");
    }

    @Test
    void aGatedJobIsSkippedUntilTheJobItRequiresSucceededThenRuns() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "gate");
        Path synced = dir.resolve("synced");
        create(shellJob("initial-sync", "test -f " + synced, j -> { }));
        create(shellJob("healing", "echo healed", j -> {
            j.put("schedule", "@every 1s");
            j.putArray("requires").addObject().put("job", "initial-sync");
        }));
        create(shellJob("fresh-healing", "echo healed", j -> {
            j.put("schedule", "@every 1s");
            j.putArray("requires").addObject().put("job", "initial-sync").put("within", "2s");
        }));

        JsonNode skipped = firstWith("healing", e -> e.get("status").asText().equals("skipped"));
        assertEquals("gate: initial-sync has never succeeded", skipped.get("error").asText(), skipped.toString());
        runNow("initial-sync");
        Instant syncFailed = at(api().await("/jobs/initial-sync/executions", PATIENCE,
                list -> list.size() == 1 && list.get(0).get("status").asText().equals("failed")).get(0), "finished_at");
        JsonNode stillSkipped = firstWith("healing", e -> at(e, "scheduled_at").isAfter(syncFailed)
                && !e.get("status").asText().matches("queued|running"));
        assertEquals("skipped", stillSkipped.get("status").asText(), stillSkipped.toString());
        assertEquals("gate: initial-sync has never succeeded", stillSkipped.get("error").asText(), stillSkipped.toString());
        JsonNode healing = api().get("/jobs/healing").json();
        assertEquals(0, healing.get("success_count").asInt() + healing.get("error_count").asInt(),
                "a skipped run counted as a success or an error: " + healing);

        Files.createFile(synced);
        runNow("initial-sync");
        JsonNode healed = firstWith("healing", e -> e.get("status").asText().equals("succeeded"));
        assertEquals("healed\n", healed.get("stdout").asText(), healed.toString());

        JsonNode stale = api().await("/jobs/fresh-healing/executions", PATIENCE, list -> list(list).stream()
                .anyMatch(e -> e.get("error").asText().startsWith("gate: initial-sync last succeeded ")));
        assertTrue(list(stale).stream().anyMatch(e -> e.get("status").asText().equals("succeeded")),
                "fresh-healing never ran while the sync was fresh: " + stale);
        assertTrue(list(stale).stream().anyMatch(e -> e.get("error").asText().endsWith("ago, more than 2s")), stale.toString());
        api().delete("/jobs/healing");
        api().delete("/jobs/fresh-healing");
    }

    @Test
    void requiresTakesBareJobNamesAsGatesWithoutAWindow() throws Exception {
        create(shellJob("named-sync", "true", j -> { }));
        create(shellJob("named-catalog", "true", j -> { }));
        create(shellJob("named-gated", "echo gated", j ->
                j.putArray("requires").add("named-sync").addObject().put("job", "named-catalog").put("within", "24h")));

        JsonNode stored = api().get("/jobs/named-gated").json();
        assertEquals(Api.JSON.readTree("[{\"job\":\"named-catalog\",\"within\":\"24h\"},{\"job\":\"named-sync\",\"within\":\"\"}]"),
                stored.get("requires"), stored.toString());
        runNow("named-gated");
        JsonNode skipped = firstWith("named-gated", e -> e.get("status").asText().equals("skipped"));
        assertTrue(skipped.get("error").asText().startsWith("gate: named-"), skipped.toString());
        api().delete("/jobs/named-gated");
    }
}
