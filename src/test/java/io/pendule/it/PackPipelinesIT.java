package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.packs.control.TestPacks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HDM's cycle as a pipeline of pack jobs on two real nodes on one fresh PostgreSQL, each with its own data directory:
 * the packs are uploaded to the API node and run on the worker node, which never saw the upload. A root job opens the
 * run group; two metric packs run in it, per endpoint; the rule pack (Python) follows with all_success per endpoint: on
 * db1 once both metric packs are done on db1 (while the metric run on db2 goes on: it ends only once the rules on db1
 * have started, or after {@link #HOLD} if they never do), on db2 after the one metric pack activated there, on db3 (no
 * metric pack) once the metric stage is over. The packs write when they start and end.
 */
class PackPipelinesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /**
     * How long the metric run on db2 holds on for the rules on db1 to start: an event, not a race of a sleep against
     * the rule pack's preparation (its first run on the worker makes its virtualenv, seconds on a busy machine).
     */
    private static final Duration HOLD = Duration.ofSeconds(45);

    @Test
    void rulePacksFollowTheMetricPacksPerEndpointOnANodeThatNeverSawTheUpload() throws Exception {
        String db = TestDatabases.freshPostgres("pendule_it_pack_pipelines");
        Path log = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "pipeline").resolve("runs.log");
        try (PenduleProcess api = PenduleProcess.start("pipeline-api", db, PenduleProcess.freshDataDir("pipeline-api"),
                Map.of("PENDULE_ROLES", "api"));
             PenduleProcess worker = PenduleProcess.start("pipeline-worker", db, PenduleProcess.freshDataDir("pipeline-worker"),
                     Map.of("PENDULE_ROLES", "worker"))) {
            Api client = api.api();
            upload(client, metricPack("cpu", log, "db2", "capacity db1 start"), "metric");
            upload(client, metricPack("disk", log, null, null), "metric");
            upload(client, rulePack("capacity", log), "rule");
            for (String slug : List.of("db1", "db2", "db3")) {
                ObjectNode endpoint = Api.JSON.createObjectNode().put("slug", slug).put("kind", "postgresql")
                        .put("url", "postgresql://" + slug + ".internal:5432/app");
                assertEquals(201, client.post("/endpoints", endpoint.toString()).status());
            }
            for (String cell : List.of("metric/cpu/db1", "metric/cpu/db2", "metric/disk/db1", "rule/capacity/db1",
                    "rule/capacity/db2", "rule/capacity/db3")) {
                assertEquals(201, client.put("/activations/" + cell, "").status(), cell);
            }
            create(client, job("hdm-cycle", "shell", Map.of("command", "true")));
            ObjectNode cpu = job("metrics-cpu", "pack", Map.of("pack", "cpu", "type", "metric"));
            cpu.putArray("depends_on").add("hdm-cycle");
            create(client, cpu);
            ObjectNode disk = job("metrics-disk", "pack", Map.of("pack", "disk", "type", "metric"));
            disk.putArray("depends_on").add("hdm-cycle");
            create(client, disk);
            ObjectNode rules = job("rules-capacity", "pack", Map.of("pack", "capacity", "type", "rule"));
            rules.putArray("depends_on").add("metrics-cpu").add("metrics-disk");
            rules.put("trigger_rule", "all_success");
            create(client, rules);

            Api.Answer run = client.post("/jobs/hdm-cycle", "");
            assertEquals(202, run.status(), run.body());
            long group = Long.parseLong(run.header("X-Execution-Id"));

            List<JsonNode> ruleRuns = finishedInGroup(client, "rules-capacity", group, 3);
            List<JsonNode> metricRuns = new java.util.ArrayList<>(finishedInGroup(client, "metrics-cpu", group, 2));
            metricRuns.addAll(finishedInGroup(client, "metrics-disk", group, 1));
            for (JsonNode e : concat(ruleRuns, metricRuns)) {
                assertEquals("succeeded", e.get("status").asText(), e.toString());
                assertEquals("pipeline-worker", e.get("node_name").asText(), "packs run on the worker: " + e);
                assertEquals("dependency", e.get("trigger").asText(), e.toString());
            }
            assertEquals(List.of("db1", "db2", "db3"), ruleRuns.stream().map(e -> e.get("target").asText()).sorted().toList());

            Map<String, Long> at = moments(log);
            // db1's rules wait for both metric packs on db1, and not for cpu on db2, which sleeps meanwhile
            assertTrue(at.get("capacity db1 start") > at.get("cpu db1 end"), at.toString());
            assertTrue(at.get("capacity db1 start") > at.get("disk db1 end"), at.toString());
            assertTrue(at.get("capacity db1 start") < at.get("cpu db2 end"), "db1's rules did not wait for db2: " + at);
            assertTrue(at.get("capacity db2 start") > at.get("cpu db2 end"), at.toString());
            assertTrue(at.get("capacity db3 start") > at.get("cpu db2 end"), "db3 (no metric pack) waits for the stage: " + at);
            assertEquals(9, at.size(), "each pack ran once per endpoint: " + at);
        }
    }

    /** A metric pack (shell) that writes its start and end; on {@code holdOn} it ends once {@code until} is in the log. */
    private static Map<String, String> metricPack(String name, Path log, String holdOn, String until) {
        Map<String, String> files = TestPacks.valid(name, "1.0");
        files.remove("create-table/create.sql");
        files.put("bootstrap-script.sh", "#!/bin/bash\nset -e\n"
                + "echo \"$PENDULE_PACK_NAME $PENDULE_ENDPOINT_SLUG start $(date +%s%N)\" >> '" + log + "'\n"
                + (holdOn == null ? "" : "if [ \"$PENDULE_ENDPOINT_SLUG\" = " + holdOn + " ]; then for i in $(seq "
                + HOLD.toSeconds() * 10 + "); do grep -q '" + until + "' '" + log + "' && break; sleep 0.1; done; fi\n")
                + "sleep 0.2\n"
                + "echo \"$PENDULE_PACK_NAME $PENDULE_ENDPOINT_SLUG end $(date +%s%N)\" >> '" + log + "'\n");
        return files;
    }

    /** A rule pack in Python 3 (no extra package) that writes its start. */
    private static Map<String, String> rulePack(String name, Path log) {
        Map<String, String> files = TestPacks.valid(name, "1.0");
        files.remove("create-table/create.sql");
        files.put("properties.json", files.get("properties.json").replace("\"metric\"", "\"rule\"").replace("metrics.py", "rules.py"));
        files.put("bootstrap-script.sh", "#!/bin/bash\ncd process\npython3 rules.py\n");
        files.put("process/rules.py", "import os, time\n"
                + "with open(" + pythonString(log.toString()) + ", 'a') as log:\n"
                + "    log.write('%s %s start %d\\n' % (os.environ['PENDULE_PACK_NAME'], os.environ['PENDULE_ENDPOINT_SLUG'], time.time_ns()))\n");
        return files;
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void upload(Api client, Map<String, String> pack, String type) {
        Api.Answer imported = PacksScenarios.upload(client, TestPacks.zip(pack), type);
        assertEquals(201, imported.status(), imported.body());
    }

    private static ObjectNode job(String name, String executor, Map<String, String> config) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", "@manually").put("executor", executor);
        ObjectNode executorConfig = job.putObject("executor_config");
        config.forEach(executorConfig::put);
        return job;
    }

    private static void create(Api client, ObjectNode job) {
        Api.Answer created = client.post("/jobs", job.toString());
        assertEquals(201, created.status(), created.body());
    }

    private static List<JsonNode> finishedInGroup(Api client, String job, long group, int count) throws InterruptedException {
        JsonNode all = client.await("/jobs/" + job + "/executions", PATIENCE, executions -> inGroup(executions, group).stream()
                .filter(e -> !e.get("status").asText().matches("queued|running")).count() >= count);
        List<JsonNode> found = inGroup(all, group);
        assertEquals(count, found.size(), all.toString());
        return found;
    }

    private static List<JsonNode> inGroup(JsonNode executions, long group) {
        return StreamSupport.stream(executions.spliterator(), false).filter(e -> e.get("group").asLong() == group).toList();
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** "pack slug start|end" → nanoseconds, from the packs' log. */
    private static Map<String, Long> moments(Path log) throws java.io.IOException {
        Map<String, Long> at = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            int last = line.lastIndexOf(' ');
            at.put(line.substring(0, last), Long.parseLong(line.substring(last + 1)));
        }
        return at;
    }
}
