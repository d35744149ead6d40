package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node on the embedded database killed (kill -9) right after its runs executed keeps their executions: the API's
 * insert and the clock's claim were on disk before the runs started, so the restarted node neither forgets a run
 * that happened nor runs it again. With H2's default write delay (half a second) the last commits were lost.
 */
class EmbeddedDurabilityIT {

    private static final int RUNS = 5;

    @Test
    void aKillDoesNotLoseTheRowsOfRunsThatExecuted() throws Exception {
        Path dataDir = PenduleProcess.freshDataDir("durability");
        Path ran = dataDir.resolve("ran.txt");
        Files.createFile(ran);
        try (PenduleProcess node = PenduleProcess.start("durable-node", null, dataDir)) {
            Api api = node.api();
            assertEquals(201, api.post("/jobs", CoreScenarios.job("appender", "@manually", "shell",
                    Map.of("command", "echo ran >> " + ran, "shell", "true"))).status());
            for (int i = 0; i < RUNS; i++) {
                assertEquals(202, api.post("/jobs/appender", "").status());
            }
            awaitLines(ran, RUNS, Duration.ofSeconds(30));
            node.kill();
        }
        int executed = lines(ran).size();
        try (PenduleProcess node = PenduleProcess.start("durable-node", null, dataDir)) {
            JsonNode executions = node.api().get("/jobs/appender/executions").json();
            assertTrue(executions.size() >= executed, executed + " runs executed before the kill, but only "
                    + executions.size() + " executions are left: " + executions);
            Thread.sleep(5_000);
            assertEquals(executed, lines(ran).size(), "a run that had executed before the kill ran again after the restart");
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    private static void awaitLines(Path file, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (lines(file).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + lines(file).size() + " of " + count + " runs in " + timeout);
            }
            Thread.sleep(2);
        }
    }
}
