package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs and their history survive a restart of the node, and the jobs go on firing. A node stopped the way an
 * operator stops it (SIGTERM) lets the runs it had claimed finish: the restart finds no orphaned execution.
 */
class RestartIT {

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void jobsSurviveARestartAndKeepFiring(String database) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "restart-" + database);
        String db = database.equals("postgres") ? TestDatabases.freshPostgres("pendule_it_restart") : null;
        int firesBefore;
        try (PenduleProcess node = PenduleProcess.start("restart-node", db, dataDir)) {
            Api api = node.api();
            assertEquals(201, api.post("/jobs", CoreScenarios.job("survivor", "@every 1s", "shell",
                    Map.of("command", "echo alive"))).status());
            JsonNode executions = api.await("/jobs/survivor/executions", Duration.ofSeconds(20), list -> list.size() >= 2);
            firesBefore = executions.size();
        }
        try (PenduleProcess node = PenduleProcess.start("restart-node", db, dataDir)) {
            Api api = node.api();
            JsonNode job = api.get("/jobs/survivor").json();
            assertEquals("@every 1s", job.get("schedule").asText());
            assertTrue(job.get("success_count").asInt() >= firesBefore - 1, job.toString());
            JsonNode executions = api.await("/jobs/survivor/executions", Duration.ofSeconds(20),
                    list -> list.size() >= firesBefore + 3);
            assertTrue(executions.findValuesAsText("stdout").contains("alive\n"), executions.toString());
            assertFalse(executions.findValuesAsText("status").contains("orphaned"),
                    "a graceful stop left orphaned executions: " + executions);
        }
    }
}
