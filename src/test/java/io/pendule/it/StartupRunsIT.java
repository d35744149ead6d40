package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up runs (run_on_start) with real nodes on PostgreSQL, and the delta-producer example of docs/examples
 * (seed 001): its initial sync runs when a node starts until it has succeeded, its healing is held back by its gate
 * until then, its dump runs regardless.
 */
class StartupRunsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A start-up run is queued before the node answers; a run would show within this, were one queued. */
    private static final long SETTLE_MILLIS = 2_000;

    private static Path dataDir(String name) throws Exception {
        return Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), name);
    }

    private static String shellJob(String name, String command, String runOnStart) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@manually").put("executor", "shell").put("run_on_start", runOnStart);
        job.putObject("executor_config").put("command", command);
        return job.toString();
    }

    /** The job's start-up runs, newest first. */
    private static List<JsonNode> startupRuns(Api api, String job) {
        return StreamSupport.stream(api.get("/jobs/" + job + "/executions").json().spliterator(), false)
                .filter(e -> e.get("trigger").asText().equals("startup")).toList();
    }

    private static List<String> statuses(List<JsonNode> executions) {
        return executions.stream().map(e -> e.get("status").asText()).toList();
    }

    /** Waits until the job has {@code count} start-up runs, all finished; returns their statuses, newest first. */
    private static List<String> awaitStartupRuns(Api api, String job, int count) throws InterruptedException {
        api.await("/jobs/" + job + "/executions", PATIENCE, list -> {
            List<JsonNode> runs = startupRuns(api, job);
            return runs.size() == count && statuses(runs).stream().noneMatch(s -> s.matches("queued|running"));
        });
        return statuses(startupRuns(api, job));
    }

    @Test
    void aNodeStartRunsAlwaysJobsAndJobsThatNeverSucceededOncePerStartWindow() throws Exception {
        Path dir = dataDir("startup");
        String db = TestDatabases.freshPostgres("pendule_it_startup");
        Path ok = dir.resolve("ok");
        Map<String, String> shortWindow = Map.of("PENDULE_STARTUP_RUN_WINDOW", "1s");
        try (PenduleProcess node = PenduleProcess.start("startup-node", db, dir)) {
            Api api = node.api();
            assertEquals(201, api.post("/jobs", shellJob("warm-up", "echo warm", "always")).status());
            assertEquals(201, api.post("/jobs", shellJob("until-ok", "test -f " + ok, "if_never_succeeded")).status());
            assertEquals(201, api.post("/jobs", shellJob("once-ok", "echo once", "if_never_succeeded")).status());
            assertEquals(201, api.post("/jobs", shellJob("not-at-start", "echo no", "never")).status());
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(0, api.get("/jobs/warm-up/executions").json().size(), "saving a job is not a start");
        }
        try (PenduleProcess node = PenduleProcess.start("startup-node", db, dir, shortWindow)) {
            Api api = node.api();
            assertEquals(List.of("succeeded"), awaitStartupRuns(api, "warm-up", 1));
            assertEquals(List.of("failed"), awaitStartupRuns(api, "until-ok", 1));
            assertEquals(List.of("succeeded"), awaitStartupRuns(api, "once-ok", 1));
            assertEquals(0, api.get("/jobs/not-at-start/executions").json().size());
        }
        Files.createFile(ok);
        try (PenduleProcess node = PenduleProcess.start("startup-node", db, dir, shortWindow)) {
            Api api = node.api();
            assertEquals(List.of("succeeded", "succeeded"), awaitStartupRuns(api, "warm-up", 2));
            assertEquals(List.of("succeeded", "failed"), awaitStartupRuns(api, "until-ok", 2));
            assertEquals(List.of("succeeded"), statuses(startupRuns(api, "once-ok")), "a job that succeeded ran again at start");
        }
        // a node starting within the window of the last start-up run (as nodes started together do) queues none
        try (PenduleProcess node = PenduleProcess.start("startup-node-2", db, dir, Map.of("PENDULE_STARTUP_RUN_WINDOW", "10m"))) {
            Api api = node.api();
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(2, startupRuns(api, "warm-up").size(), "a start within the window ran warm-up again");
            assertEquals(2, startupRuns(api, "until-ok").size());
            assertEquals(1, startupRuns(api, "once-ok").size());
        }
    }

    @Test
    void theDeltaProducerExampleSyncsAtStartUpHealsOnlyAfterAndDumpsRegardless() throws Exception {
        Path dir = dataDir("delta-producer");
        String db = TestDatabases.freshPostgres("pendule_it_delta_producer");
        try (CountingServer service = new CountingServer()) {
            String example = Files.readString(Path.of("docs/examples/delta-producer.json"))
                    .replace("http://delta-producer-background-jobs-initiator", service.url(""));
            try (PenduleProcess node = PenduleProcess.start("delta-node", db, dir)) {
                Api api = node.api();
                Api.Answer restored = DkronApiScenarios.restore(api, example);
                assertEquals(200, restored.status(), restored.body());
                assertEquals("0 0 0 * * *", api.get("/jobs/healing").json().get("schedule").asText());

                api.post("/jobs/healing", "");
                JsonNode healing = api.await("/jobs/healing/executions", PATIENCE,
                        list -> list.size() == 1 && list.get(0).get("status").asText().equals("skipped")).get(0);
                assertEquals("gate: initial-sync has never succeeded", healing.get("error").asText());
                assertEquals(0, service.count("/healing-jobs"));

                api.post("/jobs/dump", "");
                api.await("/jobs/dump/executions", PATIENCE,
                        list -> list.size() == 1 && list.get(0).get("status").asText().equals("succeeded"));
                assertEquals(1, service.count("/dump-publication-graph-jobs"));
                assertEquals(0, api.get("/jobs/initial-sync/executions").json().size(), "restoring jobs is not a start");
            }
            try (PenduleProcess node = PenduleProcess.start("delta-node", db, dir)) {
                Api api = node.api();
                assertEquals(List.of("succeeded"), awaitStartupRuns(api, "initial-sync", 1));
                assertEquals(1, service.count("/initial-sync-jobs"));
                assertTrue(service.hits.stream().filter(h -> h.path().equals("/initial-sync-jobs")).allMatch(h -> h.method().equals("POST")));

                api.post("/jobs/healing", "");
                api.await("/jobs/healing/executions", PATIENCE,
                        list -> list.size() == 2 && list.get(0).get("status").asText().equals("succeeded"));
                assertEquals(1, service.count("/healing-jobs"));
            }
        }
    }
}
