package io.pendule.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Pendule processes on one PostgreSQL fire a one-second job for 30 s: every second fires exactly once,
 * none is missed, and the HTTP server it calls is called once per fire, never twice. The second node has the worker
 * role only: it answers its health, and neither the API nor the pages.
 */
class ClusterIT {

    private static final int SECONDS = 30;

    @Test
    void twoNodesFireAOneSecondJobExactlyOncePerSecond() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "cluster");
        String db = TestDatabases.freshPostgres("pendule_it_cluster");
        try (CountingServer server = new CountingServer()) {
            Instant windowStart;
            try (PenduleProcess a = PenduleProcess.start("node-a", db, dataDir);
                 PenduleProcess b = PenduleProcess.start("node-b", db, dataDir, Map.of("PENDULE_ROLES", "worker"))) {
                assertEquals(201, a.api().post("/jobs", CoreScenarios.job("every-second", "@every 1s", "http",
                        Map.of("method", "GET", "url", server.url("/fire")))).status());
                assertServesOnlyItsHealth(b);
                windowStart = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                Thread.sleep((SECONDS + 4) * 1000L);
            }
            Map<Instant, List<String>> firesBySecond = fires(db);
            List<Instant> missing = new ArrayList<>();
            for (int s = 0; s < SECONDS; s++) {
                Instant second = windowStart.plusSeconds(s);
                List<String> fires = firesBySecond.getOrDefault(second, List.of());
                if (fires.isEmpty()) {
                    missing.add(second);
                }
                assertTrue(fires.size() <= 1, "second " + second + " fired " + fires.size() + " times: " + fires);
            }
            assertTrue(missing.isEmpty(), "missed fires: " + missing);
            long rows = firesBySecond.values().stream().mapToLong(List::size).sum();
            long succeeded = firesBySecond.values().stream().flatMap(List::stream).filter(s -> s.startsWith("succeeded")).count();
            long hits = server.count("/fire");
            assertTrue(hits <= rows, "the server was called " + hits + " times for " + rows + " recorded fires: a fire ran twice");
            assertTrue(hits >= succeeded, hits + " calls but " + succeeded + " succeeded executions");
        }
    }

    /**
     * Dkron's leave on one of two nodes: it shows as left to the other, the leader is the other, and the job goes on
     * firing every second on the other node only; the node that left still answers the API.
     */
    @Test
    void aNodeThatLeavesStopsRunningAndTheOtherCarriesOn() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "leave");
        String db = TestDatabases.freshPostgres("pendule_it_leave");
        try (PenduleProcess a = PenduleProcess.start("leave-a", db, dataDir);
             PenduleProcess b = PenduleProcess.start("leave-b", db, dataDir)) {
            assertEquals("leave-a", a.api().get("/leader").json().get("Name").asText(), "the longest-running worker leads");
            assertEquals(201, a.api().post("/jobs", CoreScenarios.job("after-leave", "@every 1s", "shell",
                    Map.of("command", "true"))).status());
            Api.Answer left = a.api().post("/leave", "");
            assertEquals(200, left.status(), left.body());
            Instant afterLeave = Instant.now().plusSeconds(1);
            Thread.sleep(5_000);
            String statusOfA = java.util.stream.StreamSupport.stream(b.api().get("/members").json().spliterator(), false)
                    .filter(m -> m.get("Name").asText().equals("leave-a")).findFirst().orElseThrow().get("statusText").asText();
            assertEquals("left", statusOfA);
            assertEquals("leave-b", b.api().get("/leader").json().get("Name").asText());
            assertEquals(404, a.api().get("/isleader").status());
            assertEquals(200, a.api().get("/jobs/after-leave").status(), "a node that left still serves the API");
            List<String> since = fires(db).entrySet().stream().filter(e -> e.getKey().isAfter(afterLeave))
                    .flatMap(e -> e.getValue().stream()).toList();
            assertTrue(since.size() >= 3, "the job goes on firing: " + since);
            assertTrue(since.stream().allMatch(f -> f.endsWith("@leave-b")), "only the node still in runs it: " + since);
        }
    }

    /** A worker-only node: its health answers, its API and pages answer 404 and say why. */
    private static void assertServesOnlyItsHealth(PenduleProcess worker) {
        Api root = new Api(worker.root());
        assertEquals(200, root.get("/health").status());
        for (String path : List.of("/v1/", "/v1/jobs", "/", "/jobs", "/new")) {
            Api.Answer answer = root.get(path);
            assertEquals(404, answer.status(), path + " on a worker-only node: " + answer.body());
            assertTrue(answer.body().contains("no api role"), path + ": " + answer.body());
        }
        Api.Answer posted = root.post("/v1/jobs", "{}");
        assertEquals(404, posted.status(), posted.body());
        Api.Answer metrics = root.get("/metrics");
        assertEquals(200, metrics.status(), "a worker's runs are counted on the worker: " + metrics.body());
        assertTrue(metrics.body().contains("pendule_node_up{node=\"" + worker.name + "\"} 1"), metrics.body());
        assertEquals(401, new Api(worker.root()).withoutCredentials().get("/metrics").status());
        assertEquals("no api role", posted.json().get("message").asText().replaceAll(".*(no api role).*", "$1"));
    }

    /** Status and node of every scheduled execution, by fire instant. */
    private static Map<Instant, List<String>> fires(String db) {
        record Fire(Instant at, String statusAtNode) {
        }
        return TestDatabases.query(db, "SELECT scheduled_at, status, node_name FROM execution WHERE trigger = 'schedule'",
                        rs -> new Fire(TestDatabases.instant(rs, 1), rs.getString(2) + "@" + rs.getString(3))).stream()
                .collect(Collectors.groupingBy(Fire::at, TreeMap::new, Collectors.mapping(Fire::statusAtNode, Collectors.toList())));
    }
}
