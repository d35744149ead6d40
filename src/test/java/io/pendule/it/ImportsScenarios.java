package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The importers through the real API (docs/operations.md, Importing CronJobs and crontabs): a dry run answers the jobs
 * and changes nothing; an import creates them all, and they run; a file with one bad line or a name taken creates
 * nothing. Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class ImportsScenarios {

    @ArquillianResource
    URL base;

    static String resource(String name) {
        try (java.io.InputStream in = ImportsScenarios.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    Api api() {
        return new Api(base.toString() + "v1");
    }

    private Api.Answer post(String path, String contentType, String body) {
        return api().send("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private int jobCount() {
        return Integer.parseInt(api().get("/jobs").header("X-Total-Count"));
    }

    @Test
    void aCrontabLineIsPreviewedThenImportedAndRunsWithItsOutput() {
        String crontab = "# imported\nGREETING=hi\n* * * * * echo $GREETING from $ENV_JOB_NAME\n";
        int before = jobCount();
        Api.Answer preview = post("/import/crontab?dry_run=true", "text/plain", crontab);
        assertEquals(200, preview.status(), preview.body());
        assertEquals(true, preview.json().get("dry_run").asBoolean());
        JsonNode planned = preview.json().get("jobs").get(0);
        assertEquals("line 3", planned.get("from").asText());
        assertEquals("echo", planned.get("job").get("name").asText());
        assertEquals(before, jobCount(), "a dry run creates nothing");
        assertEquals(404, api().get("/jobs/echo").status());

        Api.Answer imported = post("/import/crontab", "text/plain", crontab);
        assertEquals(201, imported.status(), imported.body());
        JsonNode job = api().get("/jobs/echo").json();
        assertEquals("* * * * *", job.get("schedule").asText());
        assertEquals("shell", job.get("executor").asText());
        assertEquals("GREETING=hi", job.get("executor_config").get("env").asText());
        assertTrue(!job.get("next").asText().startsWith("0001"), "scheduled: " + job);

        Api.Answer run = api().post("/jobs/echo?wait=true", "");
        assertEquals(200, run.status(), run.body());
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        assertTrue(run.body().contains("hi from echo"), run.body());
        assertEquals(200, api().delete("/jobs/echo").status());
    }

    @Test
    void aCronJobManifestIsImportedWithItsPoliciesAndRuns() {
        String manifest = resource("every-feature.yaml") + "---\n" + """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: greeter}
                spec:
                  schedule: "@hourly"
                  jobTemplate:
                    spec:
                      backoffLimit: 0
                      template:
                        spec:
                          containers:
                            - name: main
                              command: ["/bin/sh", "-c", "echo $GREETING from k8s"]
                              env: [{name: GREETING, value: hello}]
                """;
        Api.Answer imported = post("/import/cronjob", "application/yaml", manifest);
        assertEquals(201, imported.status(), imported.body());
        assertEquals(false, imported.json().get("dry_run").asBoolean());
        assertTrue(imported.json().get("warnings").size() > 5, imported.body());
        JsonNode report = api().get("/jobs/nightly-report").json();
        assertEquals("*/5 2 * * 1-5", report.get("schedule").asText());
        assertEquals("Europe/Paris", report.get("timezone").asText());
        assertEquals("forbid", report.get("concurrency").asText());
        assertEquals(true, report.get("disabled").asBoolean());
        assertEquals(2, report.get("retries").asInt());
        assertEquals("600s", report.get("timeout").asText());
        assertEquals("200s", report.get("starting_deadline").asText());
        assertEquals("/srv/report", report.get("executor_config").get("cwd").asText());

        Api.Answer run = api().post("/jobs/greeter?wait=true", "");
        assertEquals("succeeded", run.json().get("status").asText(), run.body());
        assertTrue(run.body().contains("hello from k8s"), run.body());

        Api.Answer again = post("/import/cronjob", "application/yaml", manifest);
        assertEquals(400, again.status(), again.body());
        assertTrue(again.json().get("errors").has("documents[0].metadata.name"), again.body());
        assertTrue(again.json().get("errors").has("documents[1].metadata.name"), again.body());
        assertEquals(200, api().delete("/jobs/nightly-report").status());
        assertEquals(200, api().delete("/jobs/greeter").status());
    }

    @Test
    void oneBadLineOrDocumentAndNothingIsCreated() {
        int before = jobCount();
        Api.Answer refused = post("/import/crontab", "text/plain", "@daily /opt/first-job\n0 0 31 2 * never\n");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.json().get("errors").get("line 2").asText().startsWith("schedule:"), refused.body());
        Api.Answer yaml = post("/import/cronjob", "application/yaml", """
                {apiVersion: batch/v1, kind: CronJob, metadata: {name: good-one}, spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{command: ["true"]}]}}}}}}
                ---
                {apiVersion: batch/v1, kind: CronJob, metadata: {name: bad-one}, spec: {schedule: "@daily", concurrencyPolicy: Never, jobTemplate: {spec: {template: {spec: {containers: [{command: ["true"]}]}}}}}}
                """);
        assertEquals(400, yaml.status(), yaml.body());
        assertEquals("must be Allow, Forbid or Replace, not \"Never\"",
                yaml.json().get("errors").get("documents[1].spec.concurrencyPolicy").asText());
        assertEquals(before, jobCount(), "all or nothing");
        assertEquals(404, api().get("/jobs/first-job").status());
        assertEquals(404, api().get("/jobs/good-one").status());
    }

    /** The /import page previews and creates through the same importer (an admin's token: no form token needed). */
    @Test
    void theImportPagePreviewsThenCreates() {
        String root = base.toString().replaceAll("/$", "");
        java.util.Map<String, String> admin = PlainHttp.bearer(Deployments.ADMIN_TOKEN);
        PlainHttp.Answer form = PlainHttp.get(root + "/import", admin);
        assertEquals(200, form.status(), form.body());
        assertTrue(form.body().contains("name=\"text\""), form.body());
        String text = java.net.URLEncoder.encode("@daily /opt/bin/page-import.sh\n", StandardCharsets.UTF_8);
        PlainHttp.Answer preview = PlainHttp.send("POST", root + "/import", admin, "application/x-www-form-urlencoded",
                ("kind=crontab&action=preview&text=" + text).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, preview.status(), preview.body());
        assertTrue(preview.body().contains("data-job=\"page-import\""), preview.body());
        assertEquals(404, api().get("/jobs/page-import").status(), "a preview creates nothing");
        PlainHttp.Answer created = PlainHttp.send("POST", root + "/import", admin, "application/x-www-form-urlencoded",
                ("kind=crontab&action=create&text=" + text).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, created.status(), created.body());
        assertEquals("@daily", api().get("/jobs/page-import").json().get("schedule").asText());
        PlainHttp.Answer refused = PlainHttp.send("POST", root + "/import", admin, "application/x-www-form-urlencoded",
                ("kind=crontab&action=create&text=" + text).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, refused.status(), "named apart from the stored job: " + refused.body());
        assertTrue(refused.body().contains("data-job=\"page-import-2\""), refused.body());
        assertEquals(200, api().delete("/jobs/page-import").status());
        assertEquals(200, api().delete("/jobs/page-import-2").status());
    }
}
