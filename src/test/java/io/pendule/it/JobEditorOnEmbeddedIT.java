package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job editor over HTTP, as a browser without scripts uses it, on the embedded database: jobs created, edited and
 * cloned through the form land in the API exactly as typed; refused forms come back with each message next to its
 * field, what was typed, a 400 and nothing saved; the form token is required; the schedule preview in both languages;
 * secrets never reach a page and survive an edit; user data escaped.
 */
class JobEditorOnEmbeddedIT extends PagesIT {

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        return Deployments.onEmbeddedDatabase("editor");
    }

    private static String errorOf(String page, String field) {
        Matcher error = Pattern.compile("(?s)<div class=\"field-error\" id=\"" + field + "-error\">(.*?)</div>").matcher(page);
        return error.find() ? EditorForm.unescape(error.group(1)) : "(no error on " + field + ")";
    }

    private static String jobUrlEnd(HttpResponse<String> saved) {
        return saved.headers().firstValue("Location").orElse("");
    }

    private void createByApi(String json) {
        Api.Answer created = api().post("/jobs", json);
        assertEquals(201, created.status(), created.body());
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void anHttpJobCreatedWithTheFormIsTheJobTyped() throws Exception {
        createByApi("{\"name\":\"upstream\",\"schedule\":\"@manually\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}");
        EditorForm form = EditorForm.of(okPage("/new"))
                .with("name", "ping-api").with("displayname", "Ping the API").with("schedule", "0 */5 * * * *")
                .with("timezone", "Europe/Paris").with("executor", "http").with("http_method", "POST")
                .with("http_url", "https://api.example.com/ping").with("http_headers", "Content-Type: application/json\r\nX-Trace: 1\r\n")
                .with("http_body", "{\"a\":1}").with("http_timeout", "10").with("http_expect_code", "200,204")
                .with("http_expect_body", "ok").with("concurrency", "forbid").with("retries", "2").with("timeout", "5m")
                .with("depends_on", "upstream").with("tags", "zone=internal").with("metadata", "team=ops\r\ntier=gold")
                .with("owner", "Ops").with("owner_email", "ops@example.com").with("disabled", "true")
                .with("shell_command", "ignored since the executor is http");
        HttpResponse<String> saved = post(form);
        assertEquals(302, saved.statusCode(), saved.body());
        assertTrue(jobUrlEnd(saved).endsWith("/jobs/ping-api?saved=created"), jobUrlEnd(saved));

        JsonNode job = api().get("/jobs/ping-api").json();
        assertEquals("Ping the API", job.get("displayname").asText());
        assertEquals("0 */5 * * * *", job.get("schedule").asText());
        assertEquals("Europe/Paris", job.get("timezone").asText());
        assertEquals("http", job.get("executor").asText());
        assertEquals(Api.JSON.readTree("{\"method\":\"POST\",\"url\":\"https://api.example.com/ping\","
                + "\"headers\":\"[\\\"Content-Type: application/json\\\",\\\"X-Trace: 1\\\"]\",\"body\":\"{\\\"a\\\":1}\","
                + "\"timeout\":\"10\",\"expectCode\":\"200,204\",\"expectBody\":\"ok\"}"), job.get("executor_config"));
        assertEquals("forbid", job.get("concurrency").asText());
        assertEquals(2, job.get("retries").asInt());
        assertEquals("5m", job.get("timeout").asText());
        assertEquals("[\"upstream\"]", job.get("depends_on").toString());
        assertEquals(Map.of("zone", "internal"), Api.JSON.convertValue(job.get("tags"), Map.class));
        assertEquals(Map.of("team", "ops", "tier", "gold"), Api.JSON.convertValue(job.get("metadata"), Map.class));
        assertEquals("ops@example.com", job.get("owner_email").asText());
        assertTrue(job.get("disabled").asBoolean());

        String jobPage = okPage("/jobs/ping-api?saved=created");
        assertTrue(jobPage.contains("Job created.") && jobPage.contains("/jobs/ping-api/edit") && jobPage.contains("/jobs/ping-api/clone"), jobPage);
    }

    @Test
    void aShellJobCreatedWithTheFormIsTheJobTyped() throws Exception {
        EditorForm form = EditorForm.of(okPage("/new")).with("name", "nightly-dump").with("schedule", "@daily")
                .with("executor", "shell").with("shell_command", "pg_dump --file=/backups/db.sql app").with("shell_shell", "true")
                .with("shell_env", "A=1\r\nB=two\r\n").with("shell_cwd", "/tmp").with("shell_timeout", "30s")
                .with("http_url", "https://ignored.example.com");
        HttpResponse<String> saved = post(form);
        assertEquals(302, saved.statusCode(), saved.body());
        JsonNode job = api().get("/jobs/nightly-dump").json();
        assertEquals(Api.JSON.readTree("{\"command\":\"pg_dump --file=/backups/db.sql app\",\"shell\":\"true\","
                + "\"env\":\"A=1,B=two\",\"cwd\":\"/tmp\",\"timeout\":\"30s\"}"), job.get("executor_config"));
        assertEquals("allow", job.get("concurrency").asText());
        assertTrue(job.get("tags").isNull() && job.get("metadata").isNull(), job.toString());
        assertFalse(job.get("disabled").asBoolean());
    }

    @Test
    void aRefusedFormComesBackWithItsMessagesAndValuesAndNothingIsSaved() throws Exception {
        EditorForm form = EditorForm.of(okPage("/new")).with("name", "bad-job").with("displayname", "Typed name")
                .with("schedule", "0 61 * * * *").with("executor", "http").with("http_url", "ftp://files.example.com/x")
                .with("retries", "three");
        HttpResponse<String> refused = post(form);
        assertEquals(400, refused.statusCode());
        String body = refused.body();
        assertTrue(errorOf(body, "schedule").contains("field 2 (minutes) \"61\""), body);
        assertTrue(errorOf(body, "http_url").contains("must be an absolute http or https URL"), body);
        assertTrue(errorOf(body, "retries").contains("must be a whole number"), body);
        assertTrue(body.contains("value=\"0 61 * * * *\"") && body.contains("value=\"ftp://files.example.com/x\"")
                && body.contains("value=\"Typed name\"") && body.contains("value=\"three\""), "what was typed is kept");
        assertTrue(body.contains("The job was not saved"), body);
        assertEquals(404, api().get("/jobs/bad-job").status(), "nothing saved");

        HttpResponse<String> noCommand = post(EditorForm.of(okPage("/new")).with("name", "bad-shell").with("schedule", "@hourly")
                .with("executor", "shell").with("shell_command", ""));
        assertEquals(400, noCommand.statusCode());
        assertTrue(errorOf(noCommand.body(), "shell_command").contains("required"), noCommand.body());
        assertEquals(404, api().get("/jobs/bad-shell").status());

        HttpResponse<String> inFrench = client().postForm("/new?lang=fr", form.encoded());
        assertEquals(400, inFrench.statusCode());
        assertTrue(inFrench.body().contains("doit être un nombre entier") && inFrench.body().contains("<html lang=\"fr\""), inFrench.body());
    }

    @Test
    void aRefusedEditChangesNothingAndAnExistingNameIsRefused() throws Exception {
        createByApi("{\"name\":\"stable\",\"displayname\":\"Stable\",\"schedule\":\"@hourly\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"echo stable\"}}");
        String before = api().get("/jobs/stable").body();
        HttpResponse<String> refused = post(EditorForm.of(okPage("/jobs/stable/edit")).with("displayname", "Changed")
                .with("shell_command", "").with("timezone", "Mars/Olympus"));
        assertEquals(400, refused.statusCode());
        assertTrue(errorOf(refused.body(), "shell_command").contains("required"), refused.body());
        assertTrue(errorOf(refused.body(), "timezone").contains("unknown time zone"), refused.body());
        assertEquals(Api.JSON.readTree(before), api().get("/jobs/stable").json(), "the job is unchanged");

        HttpResponse<String> taken = post(EditorForm.of(okPage("/new")).with("name", "stable").with("schedule", "@daily")
                .with("executor", "shell").with("shell_command", "echo other"));
        assertEquals(400, taken.statusCode());
        assertTrue(errorOf(taken.body(), "name").contains("a job with this name exists already"), taken.body());
        assertEquals(Api.JSON.readTree(before), api().get("/jobs/stable").json(), "the job is unchanged");
    }

    @Test
    void withoutTheFormTokenNothingIsSaved() throws Exception {
        EditorForm form = EditorForm.of(okPage("/new")).with("name", "forged").with("schedule", "@daily")
                .with("executor", "shell").with("shell_command", "echo forged");
        assertEquals(403, post(form.without("_csrf")).statusCode());
        assertEquals(403, post(form.with("_csrf", "forged-token")).statusCode());
        assertEquals(404, api().get("/jobs/forged").status());
        createByApi("{\"name\":\"guarded\",\"schedule\":\"@daily\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}");
        String before = api().get("/jobs/guarded").body();
        assertEquals(403, post(EditorForm.of(okPage("/jobs/guarded/edit")).with("displayname", "Forged").without("_csrf")).statusCode());
        assertEquals(Api.JSON.readTree(before), api().get("/jobs/guarded").json());
    }

    @Test
    void anEditKeepsTheHistoryAndWhatOnlyTheApiSets() throws Exception {
        createByApi("{\"name\":\"counted\",\"schedule\":\"@manually\",\"executor\":\"shell\",\"retry_delay\":\"5s\","
                + "\"misfire_policy\":\"skip\",\"keep_executions\":7,\"executor_config\":{\"command\":\"echo counted\",\"payload\":\"aGk=\"}}");
        assertEquals(200, api().post("/jobs/counted?wait=true", "").status());
        JsonNode ran = api().get("/jobs/counted").json();
        assertEquals(1, ran.get("success_count").asInt());

        String editor = okPage("/jobs/counted/edit");
        assertTrue(editor.contains("readonly"), "the name cannot be changed");
        assertTrue(editor.contains("class=\"described\""), "the schedule preview is shown at once: " + editor);
        HttpResponse<String> saved = post(EditorForm.of(editor).with("displayname", "Counted runs").with("shell_command", "echo again"));
        assertEquals(302, saved.statusCode(), saved.body());
        assertTrue(jobUrlEnd(saved).endsWith("/jobs/counted?saved=updated"));
        JsonNode edited = api().get("/jobs/counted").json();
        assertEquals("Counted runs", edited.get("displayname").asText());
        assertEquals("echo again", edited.get("executor_config").get("command").asText());
        assertEquals("aGk=", edited.get("executor_config").get("payload").asText(), "a config key the form does not show");
        for (String kept : new String[]{"success_count", "error_count", "last_success", "status", "retry_delay", "misfire_policy", "keep_executions"}) {
            assertEquals(ran.get(kept), edited.get(kept), kept);
        }
        assertTrue(okPage("/jobs/counted?saved=updated").contains("Job saved."));
    }

    @Test
    void aCloneIsACopyUnderAnotherName() throws Exception {
        createByApi("{\"name\":\"original\",\"displayname\":\"Original\",\"schedule\":\"0 0 6 * * *\",\"timezone\":\"Asia/Tokyo\","
                + "\"executor\":\"http\",\"metadata\":{\"team\":\"web\"},\"executor_config\":{\"method\":\"GET\",\"url\":\"https://example.com/\","
                + "\"headers\":\"[\\\"Authorization: Bearer clone-s3cret\\\"]\"}}");
        String clonePage = okPage("/jobs/original/clone");
        assertFalse(clonePage.contains("clone-s3cret"));
        EditorForm clone = EditorForm.of(clonePage);
        assertEquals("original-copy", clone.fields.get("name"));
        assertTrue(clone.action.matches(".*/new"), clone.action);
        HttpResponse<String> saved = post(clone);
        assertEquals(302, saved.statusCode(), saved.body());
        JsonNode original = api().get("/jobs/original").json();
        JsonNode copy = api().get("/jobs/original-copy").json();
        for (String same : new String[]{"displayname", "schedule", "timezone", "executor", "executor_config", "metadata", "concurrency"}) {
            assertEquals(original.get(same), copy.get(same), same);
        }
        assertEquals("[\"Authorization: Bearer clone-s3cret\"]", copy.get("executor_config").get("headers").asText(), "the secret is copied");
    }

    @Test
    void theSchedulePreviewTellsTheScheduleInWordsOrItsErrorInBothLanguages() throws Exception {
        String good = "/schedules/preview?schedule=" + q("0 30 9 * * *") + "&timezone=" + q("Europe/Paris") + "&name=x";
        HttpResponse<String> english = client().get(good, "en");
        assertEquals(200, english.statusCode());
        assertTrue(english.body().contains("at 09:30 (Europe/Paris)"), english.body());
        assertEquals(5, Pattern.compile("<time>[0-9-]+ 09:30:00 \\+0[12]:00 \\(Europe/Paris\\)</time>").matcher(english.body()).results().count(),
                english.body());
        assertFalse(english.body().contains("<html"), "a fragment");
        HttpResponse<String> french = client().get(good + "&lang=fr", "en");
        assertTrue(french.body().contains("09:30") && french.body().contains("Prochains déclenchements"), french.body());
        assertFalse(french.body().contains("at 09:30"), french.body());

        HttpResponse<String> bad = client().get("/schedules/preview?schedule=" + q("0 61 * * * *") + "&lang=en", "en");
        assertEquals(200, bad.statusCode());
        assertTrue(bad.body().contains("Cannot read this schedule") && bad.body().contains("field 2 (minutes) &quot;61&quot;"), bad.body());
        HttpResponse<String> badFrench = client().get("/schedules/preview?schedule=" + q("0 61 * * * *") + "&lang=fr", "fr");
        assertTrue(badFrench.body().contains("Planification illisible"), badFrench.body());
        assertTrue(client().get("/schedules/preview?schedule=" + q("@daily") + "&timezone=Nowhere/Land&lang=en", "en").body()
                .contains("unknown time zone Nowhere/Land"));

        HttpResponse<String> checked = post(EditorForm.of(okPage("/new")).with("schedule", "@every 10m").with("check", "1"));
        assertEquals(200, checked.statusCode());
        assertTrue(checked.body().contains("every 10m0s") && checked.body().contains("value=\"@every 10m\""), checked.body());
    }

    @Test
    void secretsNeverReachAPageAndSurviveAnEditThatLeavesThem() throws Exception {
        createByApi("{\"name\":\"with-secrets\",\"schedule\":\"@daily\",\"executor\":\"http\",\"executor_config\":{\"method\":\"GET\","
                + "\"url\":\"https://example.com/\",\"headers\":\"[\\\"Authorization: Bearer hdr-s3cret\\\",\\\"X-Api-Key: key-s3cret\\\","
                + "\\\"Accept: text/plain\\\"]\"}}");
        createByApi("{\"name\":\"env-secrets\",\"schedule\":\"@daily\",\"executor\":\"shell\",\"executor_config\":{\"command\":\"env\","
                + "\"env\":\"DB_PASSWORD=pw-s3cret,MODE=fast\"}}");
        for (String path : new String[]{"/jobs/with-secrets", "/jobs/with-secrets/edit", "/jobs/with-secrets/clone",
                "/jobs/env-secrets", "/jobs/env-secrets/edit"}) {
            String body = okPage(path);
            assertFalse(body.contains("hdr-s3cret") || body.contains("key-s3cret") || body.contains("pw-s3cret"), path + ": " + body);
            assertTrue(body.contains("Authorization: ••••") || body.contains("DB_PASSWORD=••••"), path + ": " + body);
            assertTrue(body.contains("Accept: text/plain") || body.contains("MODE=fast"), path);
        }
        String headersBefore = api().get("/jobs/with-secrets").json().get("executor_config").get("headers").asText();
        assertEquals(302, post(EditorForm.of(okPage("/jobs/with-secrets/edit")).with("displayname", "Secrets kept")).statusCode());
        assertEquals(headersBefore, api().get("/jobs/with-secrets").json().get("executor_config").get("headers").asText());
        assertEquals(302, post(EditorForm.of(okPage("/jobs/env-secrets/edit")).with("shell_env", "DB_PASSWORD=••••\nMODE=slow")).statusCode());
        assertEquals("DB_PASSWORD=pw-s3cret,MODE=slow", api().get("/jobs/env-secrets").json().get("executor_config").get("env").asText());

        EditorForm replaced = EditorForm.of(okPage("/jobs/with-secrets/edit"));
        replaced.with("http_headers", replaced.fields.get("http_headers").replace("Authorization: ••••", "Authorization: Bearer new-one"));
        assertEquals(302, post(replaced).statusCode());
        assertEquals("[\"Authorization: Bearer new-one\",\"X-Api-Key: key-s3cret\",\"Accept: text/plain\"]",
                api().get("/jobs/with-secrets").json().get("executor_config").get("headers").asText());

        HttpResponse<String> unknown = post(EditorForm.of(okPage("/new")).with("name", "no-secret").with("schedule", "@daily")
                .with("executor", "http").with("http_url", "https://example.com/").with("http_headers", "Authorization: ••••"));
        assertEquals(400, unknown.statusCode());
        assertTrue(errorOf(unknown.body(), "http_headers").contains("type its value again"), unknown.body());
    }

    @Test
    void userDataIsEscaped() throws Exception {
        String xss = "<img src=x onerror=alert(1)>";
        HttpResponse<String> saved = post(EditorForm.of(okPage("/new")).with("name", "escaped").with("displayname", xss)
                .with("schedule", "@daily").with("executor", "shell").with("shell_command", "echo \"<b>\""));
        assertEquals(302, saved.statusCode(), saved.body());
        assertEquals(xss, api().get("/jobs/escaped").json().get("displayname").asText());
        for (String path : new String[]{"/jobs/escaped", "/jobs/escaped/edit", "/jobs/escaped/clone"}) {
            String body = okPage(path);
            assertFalse(body.contains("<img src=x"), path);
            assertTrue(body.contains("&lt;img src=x onerror=alert(1)&gt;"), path + ": " + body);
        }
        HttpResponse<String> refused = post(EditorForm.of(okPage("/new")).with("name", "escaped-2").with("displayname", xss)
                .with("schedule", xss).with("executor", "shell"));
        assertEquals(400, refused.statusCode());
        assertFalse(refused.body().contains("<img src=x"), refused.body());
        assertFalse(okPage("/new").matches("(?s).*<script(?![^>]*\\bsrc=).*"), "no inline script");
        assertFalse(okPage("/new").contains("style="), "no style attribute");
    }
}
