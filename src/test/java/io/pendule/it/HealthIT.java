package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness and readiness at /health/live and /health/ready, without credentials, on real nodes; Dkron's /health
 * reflects them. A node whose database goes away is not ready but stays live (a database outage must not restart every
 * node), and is ready again when the database is back.
 */
class HealthIT {

    private static Set<String> names(JsonNode health) {
        Set<String> names = new TreeSet<>();
        health.get("checks").forEach(check -> names.add(check.get("name").asText()));
        return names;
    }

    /** The embedded node has both roles; the PostgreSQL one is a worker only, which serves its health and nothing else. */
    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgres"})
    void aHealthyNodeIsLiveAndReady(String database) throws Exception {
        String db = database.equals("postgres") ? TestDatabases.freshPostgres("pendule_it_health") : null;
        Map<String, String> settings = database.equals("postgres") ? Map.of("PENDULE_ROLES", "worker") : Map.of();
        try (PenduleProcess node = PenduleProcess.start("health-" + database, db, PenduleProcess.freshDataDir("health-" + database), settings)) {
            Api root = new Api(node.root()).withoutCredentials();
            Api.Answer live = root.get("/health/live");
            assertEquals(200, live.status(), live.body());
            assertEquals("UP", live.json().get("status").asText(), live.body());
            assertTrue(names(live.json()).containsAll(Set.of("clock", "recorder")), live.body());
            Api.Answer ready = root.get("/health/ready");
            assertEquals(200, ready.status(), ready.body());
            assertEquals("UP", ready.json().get("status").asText(), ready.body());
            assertTrue(names(ready.json()).containsAll(Set.of("database", "node", "recorder-backlog")), ready.body());
            Api.Answer dkron = root.get("/health");
            assertEquals(200, dkron.status(), dkron.body());
            assertEquals("healthy", dkron.json().get("status").asText());
        }
    }

    @Test
    void aNodeWhoseDatabaseIsGoneIsNotReadyButLive() throws Exception {
        String db = TestDatabases.freshPostgres("pendule_it_health_cut");
        URI server = URI.create(db.substring("jdbc:".length()));
        try (DatabaseProxy proxy = new DatabaseProxy(server.getHost(), server.getPort());
             PenduleProcess node = PenduleProcess.start("health-cut", "jdbc:postgresql://127.0.0.1:" + proxy.port
                     + server.getPath(), PenduleProcess.freshDataDir("health-cut"))) {
            Api root = new Api(node.root()).withoutCredentials();
            assertEquals(200, root.get("/health/ready").status());
            proxy.cut();
            Api.Answer ready = await(root, "/health/ready", Duration.ofSeconds(30), answer -> answer.status() == 503);
            assertEquals("DOWN", ready.json().get("status").asText(), ready.body());
            assertTrue(ready.body().contains("\"unreachable\""), ready.body());
            Thread.sleep(3_000);
            Api.Answer live = root.get("/health/live");
            assertEquals(200, live.status(), "a database outage does not make the node not live: " + live.body());
            assertEquals(503, root.get("/health").status(), "Dkron's /health tells the node is not fine");
            proxy.restore();
            await(root, "/health/ready", Duration.ofSeconds(60), answer -> answer.status() == 200);
            assertEquals(200, root.get("/health").status());
        }
    }

    private static Api.Answer await(Api api, String path, Duration timeout, Predicate<Api.Answer> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Api.Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get(path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer as expected within " + timeout + "; last: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }
}
