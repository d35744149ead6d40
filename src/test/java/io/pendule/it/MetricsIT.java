package io.pendule.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /metrics on a real node on PostgreSQL: a succeeding and a failing shell job run twice each, a fire missed past its
 * starting deadline; Prometheus' text read with a viewer's token and with the scrape token (PENDULE_METRICS_TOKEN) gives
 * the same counts, exactly; without credentials, 401; the scrape token opens nothing else.
 */
class MetricsIT {

    private static final String NAME = "metrics";
    private static final String SCRAPE_TOKEN = "scrape_" + Long.toHexString(System.nanoTime()) + "_abcdefghijklmnopqrstuvwxyz";
    private static String db;
    private static PenduleProcess node;
    private static String viewerToken;

    @BeforeAll
    static void startNode() throws Exception {
        db = TestDatabases.freshPostgres("pendule_it_metrics");
        Path dataDir = PenduleProcess.freshDataDir(NAME);
        node = PenduleProcess.start(NAME, db, dataDir, Map.of("PENDULE_METRICS_TOKEN", SCRAPE_TOKEN));
        PlainHttp.Answer token = PlainHttp.postJson(node.root() + "/v1/tokens", PlainHttp.bearer(Deployments.ADMIN_TOKEN),
                "{\"name\":\"prometheus\",\"role\":\"viewer\",\"owner\":\"admin\"}");
        assertEquals(201, token.status(), token.toString());
        viewerToken = Api.JSON.readTree(token.body()).get("token").asText();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void runsFailuresAndAMissedFireAreCountedExactlyForAViewerAndTheScrapeToken() throws Exception {
        Api api = node.api();
        create(api, ClockPoliciesOnPostgresIT.shellJob("metrics-ok", "@manually", "true", j -> { }));
        create(api, ClockPoliciesOnPostgresIT.shellJob("metrics-fail", "@manually", "exit 3", j -> { }));
        create(api, ClockPoliciesOnPostgresIT.shellJob("metrics-late", "@every 1h", "true",
                j -> j.put("starting_deadline", "1s")));
        for (String job : List.of("metrics-ok", "metrics-fail", "metrics-ok", "metrics-fail")) {
            Api.Answer ran = api.post("/jobs/" + job + "?wait=true", "");
            assertTrue(ran.status() < 300, job + ": " + ran.status() + " " + ran.body());
        }
        // its fire 30 s ago (within the misfire threshold, past its starting deadline): recorded missed, not run
        TestDatabases.update(db, "UPDATE job SET next_fire_at = ? WHERE name = ?",
                Instant.now().minusSeconds(30), "metrics-late");
        Map<String, Double> viewer = awaitSeries(PlainHttp.bearer(viewerToken),
                series -> series.getOrDefault("pendule_fires_missed_total{reason=\"starting_deadline\"}", 0.0) == 1.0
                        && series.getOrDefault("pendule_lease_renewals_total", 0.0) >= 1);

        assertEquals(2.0, viewer.get("pendule_runs_total{job=\"metrics-ok\",status=\"succeeded\"}"), viewer.toString());
        assertEquals(2.0, viewer.get("pendule_runs_total{job=\"metrics-fail\",status=\"failed\"}"), viewer.toString());
        assertFalse(viewer.containsKey("pendule_runs_total{job=\"metrics-late\",status=\"succeeded\"}"), "a missed fire did not run");
        assertEquals(2.0, viewer.get("pendule_run_duration_seconds_count{job=\"metrics-ok\"}"));
        assertEquals(2.0, viewer.get("pendule_run_duration_seconds_bucket{job=\"metrics-ok\",le=\"+Inf\"}"));
        assertEquals(2.0, viewer.get("pendule_run_duration_seconds_count{job=\"metrics-fail\"}"));
        assertEquals(4.0, viewer.get("pendule_fire_lag_seconds_count"), "one start per run");
        assertEquals(4.0, viewer.get("pendule_fire_lag_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(0.0, viewer.get("pendule_fires_missed_total{reason=\"late\"}"));
        assertEquals(0.0, viewer.get("pendule_runs_skipped_total{reason=\"gate\"}"));
        assertEquals(0.0, viewer.get("pendule_orphans_declared_total"));

        double lastSuccess = viewer.get("pendule_job_last_success_timestamp_seconds{job=\"metrics-ok\"}");
        assertTrue(Math.abs(Instant.now().getEpochSecond() - lastSuccess) < 120, "last success " + lastSuccess);
        assertFalse(viewer.containsKey("pendule_job_last_success_timestamp_seconds{job=\"metrics-fail\"}"), "never succeeded");
        assertEquals(3600.0, viewer.get("pendule_job_period_seconds{job=\"metrics-late\"}"));
        assertFalse(viewer.containsKey("pendule_job_period_seconds{job=\"metrics-ok\"}"), "@manually has no period");

        assertEquals(0.0, viewer.get("pendule_queue_depth"));
        assertEquals(2000.0, viewer.get("pendule_worker_capacity"));
        assertEquals(0.0, viewer.get("pendule_worker_capacity_reserved"));
        assertEquals(0.0, viewer.get("pendule_recorder_backlog"));
        assertEquals(1.0, viewer.get("pendule_node_up{node=\"" + NAME + "\"}"), viewer.toString());
        assertEquals(0.0, viewer.get("pendule_lease_fenced"));
        assertEquals(1.0, viewer.get("pendule_cluster_nodes_alive"));
        assertEquals(40.0, viewer.get("pendule_db_connections_max"));
        assertNotNull(viewer.get("pendule_db_connections_in_use"));
        assertEquals(0.0, viewer.get("pendule_metrics_jobs_capped"));

        Map<String, Double> scraper = series(scrape(PlainHttp.bearer(SCRAPE_TOKEN)));
        for (String counted : List.of("pendule_runs_total{job=\"metrics-ok\",status=\"succeeded\"}",
                "pendule_runs_total{job=\"metrics-fail\",status=\"failed\"}", "pendule_fire_lag_seconds_count",
                "pendule_run_duration_seconds_count{job=\"metrics-ok\"}",
                "pendule_fires_missed_total{reason=\"starting_deadline\"}")) {
            assertEquals(viewer.get(counted), scraper.get(counted), counted);
        }
        assertEquals(2.0, series(scrape(PlainHttp.basic(Deployments.ADMIN, Deployments.ADMIN_PASSWORD)))
                .get("pendule_runs_total{job=\"metrics-ok\",status=\"succeeded\"}"), "Basic works as before");
    }

    @Test
    void withoutCredentialsOrElsewhereTheScrapeTokenIsRefused() {
        PlainHttp.Answer anonymous = PlainHttp.get(node.root() + "/metrics", Map.of());
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertNotNull(anonymous.header("www-authenticate"));
        assertFalse(anonymous.body().contains("pendule_"), anonymous.body());
        assertEquals(401, PlainHttp.get(node.root() + "/metrics", PlainHttp.bearer(SCRAPE_TOKEN + "x")).status(), "a wrong token");
        assertEquals(401, PlainHttp.get(node.root() + "/metrics", PlainHttp.bearer(SCRAPE_TOKEN.substring(1))).status());
        for (String elsewhere : List.of("/v1/jobs", "/v1/", "/jobs", "/metrics/base")) {
            PlainHttp.Answer answer = PlainHttp.get(node.root() + elsewhere, PlainHttp.bearer(SCRAPE_TOKEN));
            assertEquals(401, answer.status(), elsewhere + " takes no scrape token: " + answer);
        }
        PlainHttp.Answer jvm = PlainHttp.get(node.root() + "/metrics?scope=base", PlainHttp.bearer(viewerToken));
        assertEquals(200, jvm.status(), "Payara's JVM series are its scope base: " + jvm);
        assertTrue(jvm.body().contains("jvm_") && !jvm.body().contains("pendule_"), jvm.body());
        PlainHttp.Answer unknown = PlainHttp.get(node.root() + "/metrics?scope=" + "x".repeat(50), PlainHttp.bearer(viewerToken));
        assertTrue(unknown.status() >= 400 && unknown.status() < 500, "an unknown scope: " + unknown);
    }

    private static void create(Api api, String json) {
        Api.Answer created = api.post("/jobs", json);
        assertEquals(201, created.status(), created.body());
    }

    private static String scrape(Map<String, String> credentials) {
        PlainHttp.Answer answer = PlainHttp.get(node.root() + "/metrics", credentials);
        assertEquals(200, answer.status(), answer.toString());
        assertTrue(answer.header("content-type").startsWith("text/plain; version=0.0.4"), answer.header("content-type"));
        assertEquals("no-store", answer.header("cache-control"));
        return answer.body();
    }

    private static Map<String, Double> awaitSeries(Map<String, String> credentials,
                                                   java.util.function.Predicate<Map<String, Double>> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Map<String, Double> last = Map.of();
        while (Instant.now().isBefore(deadline)) {
            last = series(scrape(credentials));
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the series did not come within 30 s: " + last);
    }

    /** Each sample line of the text as its series ("name{labels}") and value; every line is a comment or a sample. */
    static Map<String, Double> series(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            assertTrue(space > 0 && line.startsWith("pendule_"), "not a sample: " + line);
            assertFalse(series.containsKey(line.substring(0, space)), "twice: " + line);
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1).replace("+Inf", "Infinity")));
        }
        return series;
    }
}
