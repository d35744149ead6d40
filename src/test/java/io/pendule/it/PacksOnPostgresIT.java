package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.packs.control.TestPacks;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack registry's scenarios on a real PostgreSQL; and there, what the embedded database cannot show from outside:
 * a job running a pack (written by SQL, so that its config is exactly the one the check reads) stands
 * in the way of deleting the version it runs, and a second node on the same database serves a pack imported on the first.
 */
@RunAsClient
class PacksOnPostgresIT extends PacksScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onPostgres("packs", SETTINGS);
    }

    @Test
    @Order(20)
    void aJobRunningAVersionStandsInTheWayOfItsDelete() {
        String db = Deployments.postgresUrl("packs");
        assertEquals(201, upload(api(), TestPacks.zip(TestPacks.valid("in-use", "1.0")), null).status());
        assertEquals(201, upload(api(), TestPacks.zip(TestPacks.valid("in-use", "2.0")), null).status());
        TestDatabases.update(db, "INSERT INTO job (name, executor, executor_config, created_at, updated_at)"
                + " VALUES ('runs-pinned', 'pack', '{\"pack\":\"in-use\",\"version\":\"1.0\",\"type\":\"metric\"}', NOW(), NOW()),"
                + " ('runs-latest', 'pack', '{\"pack\":\"in-use\",\"type\":\"metric\"}', NOW(), NOW())");
        try {
            Api.Answer pinned = api().delete("/packs/in-use/1.0");
            assertEquals(409, pinned.status(), pinned.body());
            assertTrue(pinned.body().contains("runs-pinned") && !pinned.body().contains("runs-latest"), pinned.body());
            Api.Answer latest = api().delete("/packs/in-use/2.0");
            assertEquals(409, latest.status(), latest.body());
            assertTrue(latest.body().contains("runs-latest") && !latest.body().contains("runs-pinned"), latest.body());
            TestDatabases.update(db, "DELETE FROM job WHERE name = 'runs-pinned'");
            assertEquals(204, api().delete("/packs/in-use/1.0").status());
        } finally {
            TestDatabases.update(db, "DELETE FROM job WHERE name IN ('runs-pinned', 'runs-latest')");
        }
        assertEquals(204, api().delete("/packs/in-use/2.0").status());
    }

    @Test
    @Order(21)
    void aSecondNodeServesAPackImportedOnTheFirst() throws Exception {
        Api.Answer imported = upload(api(), TestPacks.tarGz(TestPacks.valid("two-nodes", "1.0")), null);
        assertEquals(201, imported.status(), imported.body());
        try (PenduleProcess second = PenduleProcess.start("packs-second", Deployments.postgresUrl("packs"),
                PenduleProcess.freshDataDir("packs-second"))) {
            JsonNode there = second.api().get("/packs/two-nodes/1.0").json();
            assertEquals(imported.json().get("sha256").asText(), there.get("sha256").asText());
            assertEquals(imported.json().get("files"), there.get("files"));
            assertEquals(TestPacks.valid("two-nodes", "1.0").get("kibana-dashboard/export.ndjson"),
                    second.api().get("/packs/two-nodes/1.0/kibana").body());
        }
    }
}
