package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matrix's scenarios on a real PostgreSQL, and HDM's tables read directly as packs written for HDM read them:
 * the cells of a metric pack by mp_key, the configurations as base64 of the JSON, pack_version NULL for an endpoint's.
 */
@RunAsClient
class MatrixOnPostgresIT extends MatrixScenarios {

    private static final String DATABASE = Deployments.postgresUrl("matrix");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres("matrix");
    }

    @Test
    @Order(10)
    void packsReadHdmTablesAsTheyDidOnHdm() {
        List<String> cells = TestDatabases.query(DATABASE, "SELECT * FROM hdm_core_table_corr_db_mp WHERE mp_key = 'basic' ORDER BY db_key",
                rs -> rs.getLong("id") + " " + rs.getString("mp_key") + " " + rs.getString("db_key"));
        assertEquals(2, cells.size(), cells.toString());
        assertEquals(List.of("basic db1", "basic db2"), cells.stream().map(c -> c.substring(c.indexOf(' ') + 1)).toList());
        assertEquals(List.of("basic-rules db1"), TestDatabases.query(DATABASE,
                "SELECT rp_key, db_key FROM hdm_core_table_corr_db_rp WHERE rp_key = 'basic-rules'", rs -> rs.getString(1) + " " + rs.getString(2)));

        List<String[]> endpointConfig = TestDatabases.query(DATABASE,
                "SELECT id_config, pack_name, pack_version, pack_config FROM hdm_pack_metric_conf WHERE id_config = 'basic:db1'",
                rs -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        assertEquals(1, endpointConfig.size());
        assertEquals("basic", endpointConfig.get(0)[1]);
        assertEquals(null, endpointConfig.get(0)[2], "pack_version is NULL for an endpoint's configuration");
        assertEquals(Base64.getEncoder().encodeToString(CONFIG.getBytes(StandardCharsets.UTF_8)), endpointConfig.get(0)[3]);
        assertEquals(CONFIG, new String(Base64.getDecoder().decode(endpointConfig.get(0)[3]), StandardCharsets.UTF_8));

        List<String> versions = TestDatabases.query(DATABASE, "SELECT * FROM hdm_pack_metric_conf WHERE pack_name = 'basic' "
                + "AND pack_version != 'master' ORDER BY pack_version DESC", rs -> rs.getString("id_config") + " "
                + new String(Base64.getDecoder().decode(rs.getString("pack_config")), StandardCharsets.UTF_8));
        assertEquals(List.of("basic:0.3.7 " + VERSION_CONFIG.replace("30", "31")), versions, "the seed's query for the external configuration");
    }

    /**
     * A cell HDM (or another tool) wrote for a pack Pendule never imported: read by the API and shown on the page as a
     * column, and switched off like any cell, though it could not be switched on from here.
     */
    @Test
    @Order(40)
    void cellsWrittenByOtherToolsForPacksNotImportedStayReadable() throws Exception {
        TestDatabases.update(DATABASE, "INSERT INTO hdm_core_table_corr_db_mp (mp_key, db_key) VALUES ('legacy-pack', 'db2')");
        Api.Answer cells = viewer().get("/activations");
        assertTrue(cells.body().contains("{\"type\":\"metric\",\"pack\":\"legacy-pack\",\"slug\":\"db2\"}"), cells.body());
        HttpResponse<String> page = new PageClient(base).get("/packs/matrix", "en");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("cell-metric-legacy-pack-db2"), "a column for the pack the table names");
        assertEquals(404, operator().put("/activations/metric/legacy-pack/db1", "").status(), "not switched on elsewhere");
        assertEquals(200, operator().delete("/activations/metric/legacy-pack/db2").status());
        assertFalse(viewer().get("/activations").body().contains("legacy-pack"));
    }
}
