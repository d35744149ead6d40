package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.packs.control.TestPacks;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pack executor on a real node (docs/packs.md, "The pack executor"): test packs imported through the API, endpoints
 * whose credentials are references to Pendule's own secret store, the matrix and configurations set through the API,
 * pack jobs saved through /v1/jobs and run with POST /v1/jobs/{name}: one execution per activated endpoint in the run's
 * group, each with its endpoint's variables and its credentials' value (which the pack receives, and whose echo shows
 * ***), the virtualenv made once and create-table applied once over two runs, a failing pack failed with its exit code
 * and stderr, a run with no endpoint activated recorded skipped saying why, and the job config's problems reported on
 * their keys. Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PackRunsScenarios {

    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String SETTINGS = "pendule.secret.key=" + SECRET_KEY + "\n";
    static final String DB1_PASSWORD = "db1-pw-" + Long.toHexString(System.nanoTime());
    static final String DB2_PASSWORD = "db2-pw-" + Long.toHexString(System.nanoTime() + 1);

    @ArquillianResource
    URL base;

    Api api() {
        return new Api(base.toString() + "v1");
    }

    @Test
    @Order(1)
    void packsEndpointsMatrixAndConfigurationsAreSetThroughTheApi() {
        assertEquals(201, api().post("/secrets", secret("db1-password", DB1_PASSWORD)).status());
        assertEquals(201, api().post("/secrets", secret("db2-password", DB2_PASSWORD)).status());
        for (String pack : List.of("env-metric", "hdm-rule")) {
            Api.Answer imported = PacksScenarios.upload(api(), TestPacks.zip(TestPacks.fromResources(pack)), null);
            assertEquals(201, imported.status(), imported.body());
        }
        Map<String, String> failing = TestPacks.valid("failing", "1.0");
        failing.put("bootstrap-script.sh", "#!/bin/bash\necho 'half done'\necho 'metrics.py: cannot reach db1' >&2\nexit 7\n");
        failing.remove("create-table/create.sql");
        assertEquals(201, PacksScenarios.upload(api(), TestPacks.zip(failing), null).status());
        for (String slug : List.of("db1", "db2")) {
            ObjectNode endpoint = Api.JSON.createObjectNode().put("slug", slug).put("name", "Database " + slug)
                    .put("kind", "postgresql").put("url", "postgresql://" + slug + ".internal:5432/app")
                    .put("credentials", "${secret:" + slug + "-password}");
            Api.Answer created = api().post("/endpoints", endpoint.toString());
            assertEquals(201, created.status(), created.body());
        }
        assertEquals(201, api().put("/activations/metric/env-metric/db2", "").status());
        assertEquals(201, api().put("/activations/metric/env-metric/db1", "").status());
        assertEquals(201, api().put("/activations/rule/hdm-rule/db1", "").status());
        assertEquals(201, api().put("/pack-configs/env-metric:1.0.0?type=metric", "{\"threshold\": 3}").status());
        assertEquals(201, api().put("/pack-configs/env-metric:db1?type=metric", "{\"schema\": \"app\"}").status());
        assertEquals(201, api().put("/pack-configs/hdm-rule:db1?type=rule", "{\"max_cpu\": 90}").status());
        assertEquals(201, api().put("/pack-configs/hdm-rule:2.1?type=rule", "{\"window\": \"1h\"}").status());
    }

    @Test
    @Order(2)
    void aPackJobsConfigProblemsAreReportedOnTheirKeys() {
        Api.Answer refused = api().post("/jobs", job("bad-pack", Map.of("pack", "env-metric", "version", "9.9", "type", "rule",
                "endpoint_credentials", "${secret:db1-password}", "endpoints_at_once", "0", "command", "id")).toString());
        assertEquals(400, refused.status(), refused.body());
        Set<String> fields = new java.util.TreeSet<>(refused.json().get("violations").findValues("field").stream()
                .map(JsonNode::asText).toList());
        assertEquals(Set.of("executor_config.version", "executor_config.type", "executor_config.endpoint_credentials",
                "executor_config.endpoints_at_once", "executor_config.command"), fields, refused.body());
        Api.Answer unknown = api().post("/jobs", job("bad-pack", Map.of("pack", "no-such-pack")).toString());
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("executor_config.pack"), unknown.body());
        Api.Answer reference = api().post("/jobs", job("bad-pack", Map.of("pack", "${secret:db1-password}")).toString());
        assertEquals(400, reference.status(), reference.body());
        assertFalse(reference.body().contains(DB1_PASSWORD));
        assertEquals(404, api().get("/jobs/bad-pack").status());
    }

    @Test
    @Order(3)
    void aRunIsOneExecutionPerActivatedEndpointEachWithItsEndpointAndCredentials() throws Exception {
        Api.Answer saved = api().post("/jobs", job("env-metrics", Map.of("pack", "env-metric", "type", "metric",
                "endpoints_at_once", "2")).toString());
        assertEquals(201, saved.status(), saved.body());
        List<JsonNode> runs = runAndWaitForAll("env-metrics", 2);
        assertEquals(List.of("db1", "db2"), runs.stream().map(run -> run.get("target").asText()).sorted().toList());
        assertEquals(1, runs.stream().map(run -> run.get("group").asText()).distinct().count(), "all in the run's group");
        for (JsonNode run : runs) {
            String slug = run.get("target").asText();
            assertEquals("succeeded", run.get("status").asText(), run.toString());
            Map<String, String> printed = TestPacks.printed(run.get("stdout").asText());
            assertEquals(slug, printed.get("PENDULE_ENDPOINT_SLUG"));
            assertEquals("Database " + slug, printed.get("PENDULE_ENDPOINT_NAME"));
            assertEquals("postgresql", printed.get("PENDULE_ENDPOINT_KIND"));
            assertEquals("postgresql://" + slug + ".internal:5432/app", printed.get("PENDULE_ENDPOINT_URL"));
            assertEquals(TestPacks.sha256(slug.equals("db1") ? DB1_PASSWORD : DB2_PASSWORD), printed.get("CREDENTIALS_SHA256"),
                    "the credentials' value reached the pack");
            assertEquals("***", printed.get("CREDENTIALS_ECHOED"), "and its echo is masked");
            assertEquals(slug.equals("db1") ? "{\"schema\": \"app\"}" : "{}", printed.get("PENDULE_ENDPOINT_CONFIG"));
            assertEquals("{\"threshold\": 3}", printed.get("PENDULE_PACK_CONFIG"));
            assertEquals("env-metric", printed.get("PENDULE_PACK_NAME"));
            assertEquals("1.0.0", printed.get("PENDULE_PACK_VERSION"));
            assertEquals("metric", printed.get("PENDULE_PACK_TYPE"));
            assertEquals("env-metrics", printed.get("ENV_JOB_NAME"));
            assertEquals(run.get("id").asText(), printed.get("PENDULE_EXECUTION_ID"), "the id the API shows");
            assertTrue(printed.get("PYTHON").startsWith(printed.get("VIRTUAL_ENV") + "/bin/"), printed.toString());
            assertEquals("", printed.get("PENDULE_DB_PASSWORD_SET"), "Pendule's own environment stays out");
            onDatabase(printed);
        }
        String executions = api().get("/jobs/env-metrics/executions").body();
        assertFalse(executions.contains(DB1_PASSWORD) || executions.contains(DB2_PASSWORD), executions);
    }

    /** What the pack sees of Pendule's database: on PostgreSQL a connection; on the embedded database none. */
    abstract void onDatabase(Map<String, String> printed);

    @Test
    @Order(4)
    void aSecondRunReusesTheVirtualenvAndDoesNotApplyCreateTableAgain() throws Exception {
        List<JsonNode> first = executions("env-metrics");
        String inode = TestPacks.printed(first.get(0).get("stdout").asText()).get("VENV_INODE");
        List<JsonNode> runs = runAndWaitForAll("env-metrics", 4);
        for (JsonNode run : runs) {
            assertEquals("succeeded", run.get("status").asText(), "create.sql has no IF NOT EXISTS: applied twice, it fails: " + run);
            assertEquals(inode, TestPacks.printed(run.get("stdout").asText()).get("VENV_INODE"), "the virtualenv is made once");
        }
        setupAppliedOnce();
    }

    /** pack_table_setup has the version's one row (where the test can read the database). */
    abstract void setupAppliedOnce();

    @Test
    @Order(5)
    void aFailingPackFailsWithItsExitCodeAndStderr() throws Exception {
        assertEquals(201, api().post("/jobs", job("failing-pack", Map.of("pack", "failing", "per_endpoint", "false")).toString()).status());
        List<JsonNode> runs = runAndWaitForAll("failing-pack", 1);
        JsonNode run = runs.get(0);
        assertEquals("failed", run.get("status").asText(), run.toString());
        assertEquals(7, run.get("exit_code").asInt());
        assertEquals("half done\n", run.get("stdout").asText());
        assertEquals("metrics.py: cannot reach db1\n", run.get("stderr").asText());
        assertFalse(run.has("target"), "HDM's way: one execution without a target");
    }

    @Test
    @Order(6)
    void aRunWithNoEndpointActivatedIsRecordedSkippedSayingWhy() throws Exception {
        assertEquals(201, api().post("/jobs", job("nothing-activated", Map.of("pack", "failing")).toString()).status());
        List<JsonNode> runs = runAndWaitForAll("nothing-activated", 1);
        assertEquals("skipped", runs.get(0).get("status").asText(), runs.get(0).toString());
        assertTrue(runs.get(0).get("error").asText().contains("no endpoint has pack failing (metric) activated"), runs.get(0).toString());
    }

    @Test
    @Order(7)
    void aVersionAJobRunsCannotBeDeleted() {
        Api.Answer refused = api().delete("/packs/env-metric/1.0.0");
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("env-metrics"), refused.body());
    }

    static ObjectNode job(String name, Map<String, String> config) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", "@manually").put("executor", "pack");
        ObjectNode executorConfig = job.putObject("executor_config");
        config.forEach(executorConfig::put);
        return job;
    }

    static String secret(String name, String value) {
        return Api.JSON.createObjectNode().put("name", name).put("value", value).toString();
    }

    /** Starts a run of {@code job} and waits until it has {@code total} executions, all ended; returns them. */
    List<JsonNode> runAndWaitForAll(String job, int total) throws InterruptedException {
        Api.Answer started = api().post("/jobs/" + job, "");
        assertEquals(202, started.status(), started.body());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        List<JsonNode> runs = List.of();
        while (Instant.now().isBefore(deadline)) {
            runs = executions(job);
            if (runs.size() >= total && runs.stream().allMatch(run -> !Set.of("queued", "running").contains(run.get("status").asText()))) {
                return runs;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the executions of " + job + " did not all end: " + runs);
    }

    List<JsonNode> executions(String job) {
        Api.Answer answer = api().get("/jobs/" + job + "/executions");
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> runs = new ArrayList<>();
        answer.json().forEach(runs::add);
        return runs;
    }


}
