package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * A cell is coloured by the last run of its pack on its endpoint (status, age and time taken, as text and title);
     * a pack no job runs says so; a cell, a column and a row are run again (the pack's job queued against those
     * endpoints only). The job and its past execution are written by SQL, as the pack executor would have.
     */
    @Test
    @Order(41)
    void cellsShowTheLastRunAndAreRunAgain() throws Exception {
        TestDatabases.update(DATABASE, "INSERT INTO job (name, executor, executor_config, created_at, updated_at)"
                + " VALUES ('basic-matrix', 'pack', '{\"pack\":\"basic\",\"type\":\"metric\"}', NOW(), NOW())");
        Instant finished = Instant.now().minus(Duration.ofMinutes(5));
        TestDatabases.update(DATABASE, "INSERT INTO execution (id, job_name, group_id, trigger, status, scheduled_at, created_at,"
                + " not_before, started_at, finished_at, exit_code, target) VALUES (77000, 'basic-matrix', 77000, 'schedule', 'failed',"
                + " ?, ?, ?, ?, ?, 1, 'db2')", finished.minusSeconds(3), finished.minusSeconds(3), finished.minusSeconds(3),
                finished.minusSeconds(3), finished);
        PageClient pages = new PageClient(base);
        String page = pages.get("/packs/matrix", "en").body();
        String cell = cellOf(page, "cell-metric-basic-db2");
        assertTrue(cell.contains("class=\"matrix-cell failed\""), cell);
        assertTrue(cell.contains(">failed, 5 min ago</a>"), "visible text: " + cell);
        assertTrue(cell.contains("ran 3 s; job basic-matrix, execution 77000"), "the title: " + cell);
        assertTrue(cell.contains("/jobs/basic-matrix/executions/77000"), cell);
        String other = cellOf(page, "cell-metric-other-db2");
        assertTrue(other.contains("matrix-cell no-job") && other.contains(">no job runs this pack</a>") && other.contains("/new"), other);

        String token = PageClient.token(page);
        for (String form : List.of("type=metric&pack=basic&slug=db2", "type=metric&pack=basic", "type=metric&slug=db2")) {
            HttpResponse<String> rerun = pages.postForm("/packs/matrix/run", "_csrf=" + token + "&" + form);
            assertEquals(303, rerun.statusCode(), form + ": " + rerun.body());
            assertTrue(rerun.headers().firstValue("Location").orElseThrow().contains("queued=1"), form + ": " + rerun.headers().map());
        }
        List<String> manual = TestDatabases.query(DATABASE, "SELECT trigger, started_by FROM execution WHERE job_name = 'basic-matrix'"
                + " AND id <> 77000 ORDER BY id", rs -> rs.getString(1) + " by " + rs.getString(2));
        assertEquals(List.of("manual by " + Deployments.ADMIN, "manual by " + Deployments.ADMIN, "manual by " + Deployments.ADMIN), manual,
                "a run of the job for each, against db2 only");
        HttpResponse<String> none = pages.postForm("/packs/matrix/run", "_csrf=" + token + "&type=rule&pack=basic-rules");
        assertTrue(none.headers().firstValue("Location").orElseThrow().contains("queued=0"), "no rule pack is on: " + none.headers().map());
        assertEquals(400, pages.postForm("/packs/matrix/run", "_csrf=" + token + "&type=metric").statusCode(), "a pack or an endpoint");
    }

    /** The HTML of the cell {@code id} on {@code page}, from its element's start to its table cell's end. */
    private static String cellOf(String page, String id) {
        int start = page.lastIndexOf("<div", page.indexOf("id=\"" + id + "\""));
        return page.substring(start, page.indexOf("</td>", start));
    }
}
