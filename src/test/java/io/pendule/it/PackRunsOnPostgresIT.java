package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.packs.control.TestPacks;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack executor's scenarios on a real PostgreSQL, and there what only it shows: a pack reaches Pendule's database
 * with libpq's variables (psql from a shell pack counts the rows of the table its create-table made; Pendule's password,
 * which the server's trust authentication here does not check, shows *** where the pack echoes it), a rule pack written
 * for HDM reads its endpoints and configurations from HDM's tables itself (Python 3 and psql), the same pack run per
 * endpoint is told its endpoint's configuration, and a pack deleted behind the registry's back fails its run saying so.
 */
@RunAsClient
class PackRunsOnPostgresIT extends PackRunsScenarios {

    static final String DATABASE_PASSWORD = "pendules-own-" + Long.toHexString(System.nanoTime());

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("packruns", SETTINGS + "pendule.db.password=" + DATABASE_PASSWORD + "\n");
    }

    @Override
    void onDatabase(Map<String, String> printed) {
        assertEquals("127.0.0.1", printed.get("PGHOST"));
        assertEquals("5432", printed.get("PGPORT"));
        assertEquals("pendule_it_packruns", printed.get("PGDATABASE"));
        assertEquals("postgres", printed.get("PGUSER"));
        assertEquals("postgresql://postgres@127.0.0.1:5432/pendule_it_packruns", printed.get("PENDULE_DATABASE_URL"));
        assertEquals("***", printed.get("PGPASSWORD_ECHOED"), "the database password the pack is given is masked");
        assertEquals("1", printed.get("RUNS_TABLE_ROWS"), "create-table made the table, in Pendule's database");
    }

    @Override
    void setupAppliedOnce() {
        assertEquals(List.of("create-table/create.sql"), TestDatabases.query(Deployments.postgresUrl("packruns"),
                "SELECT files FROM pack_table_setup WHERE pack_name = 'env-metric' AND pack_version = '1.0.0'", rs -> rs.getString(1)));
    }

    @Test
    @Order(20)
    void aRulePackWrittenForHdmReadsItsEndpointsAndConfigurationsFromHdmsTables() throws Exception {
        assertEquals(201, api().post("/jobs", job("hdm-rules", Map.of("pack", "hdm-rule", "per_endpoint", "false")).toString()).status());
        JsonNode run = runAndWaitForAll("hdm-rules", 1).get(0);
        assertEquals("succeeded", run.get("status").asText(), run.toString());
        Map<String, String> printed = TestPacks.printed(run.get("stdout").asText());
        assertEquals("db1", printed.get("HDM_ENDPOINTS"), "from hdm_core_table_corr_db_rp");
        assertEquals("db1", printed.get("PENDULE_ENDPOINTS"));
        assertEquals("{\"window\": \"1h\"}", printed.get("CONF hdm-rule:2.1"), "hdm_pack_rule_conf, base64 decoded");
        assertEquals("{\"max_cpu\": 90}", printed.get("CONF hdm-rule:db1"));
        assertEquals("{\"window\": \"1h\"}", printed.get("PENDULE_PACK_CONFIG"));
        assertEquals("<unset>", printed.get("PENDULE_ENDPOINT_CONFIG"));
    }

    @Test
    @Order(21)
    void theSameRulePackRunPerEndpointIsToldItsEndpointsConfiguration() throws Exception {
        assertEquals(201, api().post("/jobs", job("rules-per-endpoint", Map.of("pack", "hdm-rule")).toString()).status());
        List<JsonNode> runs = runAndWaitForAll("rules-per-endpoint", 1);
        assertEquals(1, runs.size());
        assertEquals("db1", runs.get(0).get("target").asText());
        assertEquals("succeeded", runs.get(0).get("status").asText(), runs.get(0).toString());
        assertEquals("{\"max_cpu\": 90}", TestPacks.printed(runs.get(0).get("stdout").asText()).get("PENDULE_ENDPOINT_CONFIG"));
    }

    @Test
    @Order(22)
    void aPackDeletedBehindTheRegistrysBackFailsItsRunSayingSo() throws Exception {
        TestDatabases.update(Deployments.postgresUrl("packruns"), "DELETE FROM pack_version WHERE name = 'hdm-rule'");
        JsonNode run = runAndWaitForAll("hdm-rules", 2).stream().filter(r -> !r.get("status").asText().equals("succeeded"))
                .findFirst().orElseThrow();
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertTrue(run.get("error").asText().contains("pack hdm-rule is not in the registry"), run.toString());
        assertFalse(run.toString().contains(DATABASE_PASSWORD));
    }

    @Test
    @Order(23)
    void aPackImportedOnOneNodeRunsOnAnother() throws Exception {
        java.nio.file.Path dataDir = PenduleProcess.freshDataDir("packruns-second");
        try (PenduleProcess second = PenduleProcess.start("packruns-second", Deployments.postgresUrl("packruns"), dataDir,
                Map.of("PENDULE_NODE_TAGS", "site=second", "PENDULE_SECRET_KEY", SECRET_KEY, "PENDULE_DB_PASSWORD", DATABASE_PASSWORD))) {
            com.fasterxml.jackson.databind.node.ObjectNode job = job("on-second", Map.of("pack", "env-metric"));
            job.putObject("tags").put("site", "second");
            Api.Answer saved = api().post("/jobs", job.toString());
            assertEquals(201, saved.status(), saved.body());
            List<JsonNode> runs = runAndWaitForAll("on-second", 2);
            for (JsonNode run : runs) {
                assertEquals("succeeded", run.get("status").asText(), run.toString());
                assertEquals("packruns-second", run.get("node_name").asText(), "only the second node has the tag");
                Map<String, String> printed = TestPacks.printed(run.get("stdout").asText());
                assertEquals(run.get("target").asText(), printed.get("PENDULE_ENDPOINT_SLUG"));
                assertEquals(TestPacks.sha256(run.get("target").asText().equals("db1") ? DB1_PASSWORD : DB2_PASSWORD),
                        printed.get("CREDENTIALS_SHA256"), "the second node resolved the stored secret");
                assertTrue(java.nio.file.Path.of(printed.get("PENDULE_PACK_DIR")).startsWith(dataDir.toAbsolutePath().normalize()),
                        "checked out on the second node, from the database: " + printed);
                onDatabase(printed);
            }
        }
    }
}
