package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node's shell jobs do not outlive it: killed (kill -9), it takes their process groups with it, grandchildren
 * included; stopped (SIGTERM), it stops the runs still going within Kubernetes' 30 s grace and records them.
 * Real nodes (target/pendule.jar), real processes, looked for in /proc.
 */
class NodeDeathIT {

    /** Each process of the job, grandchildren too, writes its pid; the job then waits on them. */
    private static final String FAMILY = "sleep 300 & echo $! >> %1$s; sh -c 'sleep 301 & echo $! >> %1$s; wait' & "
            + "echo $! >> %1$s; echo $$ >> %1$s; wait";

    @Test
    void aKilledNodeTakesItsShellProcessesWithIt() throws Exception {
        Path dataDir = dataDir("killed");
        Path pids = dataDir.resolve("pids");
        try (PenduleProcess node = PenduleProcess.start("killed-node", null, dataDir)) {
            List<Long> family = startFamily(node.api(), pids);
            String before = processes();
            node.kill();
            // the reaper acts at once; 10 s leaves room for a machine loaded by other work (CI once missed 3 s so)
            assertAllGone(family, Duration.ofSeconds(10), "after a kill -9 of the node (node pid " + node.pid()
                    + "; processes before the kill:\n" + before + ")");
        }
    }

    @Test
    void aStoppedNodeStopsAndRecordsItsRunsWithinThirtySeconds() throws Exception {
        Path dataDir = dataDir("stopped");
        Path pids = dataDir.resolve("pids");
        List<Long> family;
        try (PenduleProcess node = PenduleProcess.start("stopped-node", null, dataDir)) {
            family = startFamily(node.api(), pids);
            Duration took = node.stop(Duration.ofSeconds(40));
            assertFalse(node.alive(), "the node did not stop in 40 s");
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "a graceful stop took " + took);
            assertAllGone(family, Duration.ofSeconds(1), "after the node stopped");
        }
        try (PenduleProcess node = PenduleProcess.start("stopped-node", null, dataDir)) {
            JsonNode run = node.api().get("/jobs/family/executions").json().get(0);
            assertEquals("failed", run.get("status").asText(), run.toString());
            assertTrue(run.get("error").asText().startsWith("node stopping"), run.toString());
        }
    }

    private static Path dataDir(String name) throws Exception {
        return Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "node-death-" + name);
    }

    private static List<Long> startFamily(Api api, Path pids) throws Exception {
        assertEquals(201, api.post("/jobs", CoreScenarios.job("family", "@manually", "shell",
                Map.of("shell", "true", "command", FAMILY.formatted(pids)))).status());
        assertEquals(202, api.post("/jobs/family", "").status());
        api.await("/jobs/family/executions", Duration.ofSeconds(20),
                list -> list.size() == 1 && list.get(0).get("status").asText().equals("running"));
        Instant deadline = Instant.now().plusSeconds(10);
        while (lines(pids).size() < 4 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        List<Long> family = lines(pids).stream().map(Long::parseLong).toList();
        assertEquals(4, family.size(), family.toString());
        for (long pid : family) {
            assertTrue(CoreScenarios.running(pid), "process " + pid + " of the job is not running");
        }
        return family;
    }

    /** Every process's pid, parent, group and command, for a failure's message. */
    private static String processes() {
        StringBuilder all = new StringBuilder();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("sleep 30") || c.contains("trap")
                || c.contains("pendule.jar")).orElse(false)).forEach(p -> all.append(p.pid()).append(' ')
                .append(p.parent().map(ProcessHandle::pid).orElse(0L)).append(' ')
                .append(p.info().commandLine().orElse("").lines().findFirst().orElse("")).append('\n'));
        return all.toString();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private static void assertAllGone(List<Long> pids, Duration within, String when) throws Exception {
        Instant deadline = Instant.now().plus(within);
        List<Long> left = pids;
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            left = alive(pids);
        }
        left = alive(pids);
        List<Long> survivors = left;
        survivors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertTrue(survivors.isEmpty(), "processes of the job still running " + when + ": " + survivors);
    }

    private static List<Long> alive(List<Long> pids) throws Exception {
        List<Long> alive = new java.util.ArrayList<>();
        for (long pid : pids) {
            if (CoreScenarios.running(pid)) {
                alive.add(pid);
            }
        }
        return alive;
    }
}
