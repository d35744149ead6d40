package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dkron's API as its clients use it, on any database: the list's filters, sort and paging; create-or-replace that
 * keeps history and dependents; PUT and merge PATCH; run now (asynchronous, or waited for); toggle; pause;
 * executions by Dkron id with output_size_limit and clearing; busy, members, leader; restore all or nothing.
 * Every answer of a Dkron route is also checked against Dkron's OpenAPI contract when it is present.
 * Each test uses its own job names, so the tests do not depend on one another.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DkronApiScenarios {

    /** The one origin the deployments allow CORS for. */
    static final String LISTED_ORIGIN = "https://ui.example";
    /**
     * The deployments' settings: Dkron's open API for the seed's scripts, which send no credentials (operator, from this
     * machine), and CORS for {@link #LISTED_ORIGIN}. The tests' own calls are an admin's.
     */
    static final String SETTINGS = Deployments.ANONYMOUS_OPERATOR_ON_LOCALHOST + "pendule.cors.origins=" + LISTED_ORIGIN + "\n";

    @ArquillianResource
    URL base;

    private final Optional<DkronContract> contract = DkronContract.load();
    private final List<String> contractProblems = new ArrayList<>();

    Api api() {
        return new Api(base.toString() + "v1");
    }

    /** Sends through the API and checks the answer against Dkron's contract (collected, asserted by the test). */
    Api.Answer checked(String method, String path, Api.Answer answer) {
        contract.ifPresent(c -> contractProblems.addAll(
                c.problems(method, path, answer.status(), answer.header("Content-Type"), answer.body())));
        return answer;
    }

    Api.Answer get(String path) {
        return checked("GET", path, api().get(path));
    }

    Api.Answer post(String path, String body) {
        return checked("POST", path, api().post(path, body));
    }

    static String shellJob(String name, String schedule, String command) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", schedule).put("executor", "shell");
        job.putObject("executor_config").put("command", command);
        return job.toString();
    }

    static List<String> names(JsonNode jobs) {
        if (jobs.isObject()) {
            List<String> keys = new ArrayList<>();
            jobs.fieldNames().forEachRemaining(keys::add);
            return keys;
        }
        return StreamSupport.stream(jobs.spliterator(), false).map(j -> j.get("name").asText()).toList();
    }

    @Test
    void theListFiltersSortsAndPagesAsDkronsWithTheTotalAfterFiltering() throws Exception {
        Api api = api();
        for (String name : List.of("lst-b", "lst-a", "lst-d", "lst-c")) {
            ObjectNode job = Api.JSON.createObjectNode();
            job.put("name", name).put("displayname", name.equals("lst-c") ? "Zeta report" : "").put("schedule", "@every 24h")
                    .put("executor", "shell").put("disabled", name.equals("lst-d"));
            job.putObject("executor_config").put("command", "true");
            ObjectNode metadata = job.putObject("metadata").put("suite", "list");
            if (!name.equals("lst-b")) {
                metadata.put("team", "core");
            }
            assertEquals(201, post("/jobs", job.toString()).status());
        }
        Api.Answer all = get("/jobs?q=lst-&_sort=name&_order=DESC");
        assertEquals(List.of("lst-d", "lst-c", "lst-b", "lst-a"), names(all.json()));
        assertEquals("4", all.header("X-Total-Count"));

        Api.Answer page = get("/jobs?q=lst-&_sort=name&_order=ASC&_start=1&_end=3");
        assertEquals(List.of("lst-b", "lst-c"), names(page.json()));
        assertEquals("4", page.header("X-Total-Count"), "the total counts every job matching, not the page");

        assertEquals(List.of("lst-c"), names(get("/jobs?q=Zeta").json()), "q searches the display name too");
        assertEquals(List.of(), names(get("/jobs?q=zeta").json()), "q is case-sensitive, as Dkron's");
        assertEquals(List.of("lst-d"), names(get("/jobs?q=lst-&disabled=true").json()));
        assertEquals(List.of("lst-a", "lst-c", "lst-d"),
                names(get("/jobs?metadata%5Bsuite%5D=list&metadata%5Bteam%5D=core").json()), "all metadata pairs must match");
        assertEquals(List.of("lst-a", "lst-b", "lst-c", "lst-d"), names(get("/jobs?q=lst-&status=untriggered").json()));
        assertEquals(List.of(), names(get("/jobs?q=lst-&status=failed").json()));
        assertEquals(List.of(), names(get("/jobs?q=lst-&_start=10").json()), "a start past the end is an empty page, not 500");

        Api.Answer pretty = get("/jobs/lst-a?pretty");
        assertTrue(pretty.body().contains("\n  \"name\""), pretty.body());
        assertEquals(Api.JSON.readTree(api.get("/jobs/lst-a").body()).toString(), pretty.json().toString());
        assertNotNull(pretty.header("X-Whom"), "X-Whom names the node that answered");

        Api.Answer cors = api.send(HttpRequest.newBuilder().header("Origin", LISTED_ORIGIN).GET(), "/jobs?q=lst-");
        assertEquals(LISTED_ORIGIN, cors.header("Access-Control-Allow-Origin"), "an origin of PENDULE_CORS_ORIGINS is echoed");
        assertTrue(cors.header("Access-Control-Expose-Headers").contains("X-Total-Count"));
        Api.Answer elsewhere = api.send(HttpRequest.newBuilder().header("Origin", "https://elsewhere.example").GET(), "/jobs?q=lst-");
        assertEquals(200, elsewhere.status());
        assertNull(elsewhere.header("Access-Control-Allow-Origin"), "no CORS for an origin not listed");
        assertContract();
    }

    @Test
    void createOrReplaceKeepsHistoryAndDependentsAndAnswersTheStoredJob() {
        Api api = api();
        Api.Answer created = post("/jobs", shellJob("rep-parent", "0 30 9 * * *", "echo parent").replace("}}",
                "},\"owner\":\"ops\",\"timezone\":\"Europe/Paris\"}"));
        assertEquals(201, created.status(), created.body());
        assertTrue(created.header("Location").endsWith("/v1/jobs/rep-parent"), created.header("Location"));
        assertEquals("rep-parent", created.json().get("id").asText());
        Instant next = Instant.parse(created.json().get("next").asText());
        assertEquals(30, next.atZone(java.time.ZoneId.of("Europe/Paris")).getMinute(), "next is computed in the job's zone");
        assertEquals(9, next.atZone(java.time.ZoneId.of("Europe/Paris")).getHour());

        assertEquals(201, post("/jobs", "{\"name\":\"rep-child\",\"parent_job\":\"rep-parent\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"}}").status());
        JsonNode run = api.post("/jobs/rep-parent?wait=true", "").json();
        assertEquals("succeeded", run.get("status").asText(), run.toString());

        Api.Answer replaced = post("/jobs", shellJob("rep-parent", "@every 24h", "echo replaced"));
        assertEquals(201, replaced.status());
        JsonNode job = get("/jobs/rep-parent").json();
        assertEquals("", job.get("owner").asText(), "a field left out of a replace is reset, as Dkron's");
        assertEquals(1, job.get("success_count").asInt(), "counters survive a replace");
        assertEquals("success", job.get("status").asText());
        assertEquals("[\"rep-child\"]", job.get("dependent_jobs").toString(), "dependents are the server's");
        assertEquals(replaced.json().toString(), job.toString(), "the answer is the job as stored");

        Api.Answer put = api.put("/jobs/rep-parent", "{\"schedule\":\"@every 12h\","
                + "\"executor\":\"shell\",\"executor_config\":{\"command\":\"true\"}}");
        assertEquals(201, put.status(), put.body());
        assertTrue(put.header("Location").endsWith("/v1/jobs/rep-parent"), "not Dkron's /v1/jobs/rep-parent/rep-parent");

        Api.Answer patched = api.patch("/jobs/rep-parent", "application/merge-patch+json",
                "{\"displayname\":\"Parent\",\"metadata\":{\"team\":\"core\"}}");
        assertEquals(201, patched.status(), patched.body());
        assertEquals("@every 12h", patched.json().get("schedule").asText(), "a merge patch keeps what it does not name");
        assertEquals("Parent", patched.json().get("displayname").asText());
        assertEquals("core", patched.json().at("/metadata/team").asText());

        Api.Answer dkronPatch = checked("PATCH", "/jobs", api.patch("/jobs", "application/json",
                shellJob("rep-parent", "@every 6h", "true")));
        assertEquals(201, dkronPatch.status());
        assertEquals("", dkronPatch.json().get("displayname").asText(), "PATCH /v1/jobs replaces, as Dkron's");

        Api.Answer toggled = post("/jobs/rep-parent/toggle", "");
        assertEquals(200, toggled.status());
        assertTrue(toggled.json().get("disabled").asBoolean());
        assertEquals("0001-01-01T00:00:00Z", toggled.json().get("next").asText(), "a disabled job has no next fire");
        assertFalse(post("/jobs/rep-parent/toggle", "").json().get("disabled").asBoolean());
        assertContract();
    }

    @Test
    void runNowAnswersAtOnceWithTheExecutionAndWaitsWhenAsked() throws Exception {
        Api api = api();
        assertEquals(201, post("/jobs", shellJob("run-now", "@manually", "echo out; echo err >&2")
                .replace("}}", ",\"shell\":\"true\"}}")).status());
        Api.Answer queued = post("/jobs/run-now", "");
        assertEquals(202, queued.status());
        assertEquals("run-now", queued.json().get("name").asText());
        String id = queued.header("X-Execution-Id");
        assertTrue(queued.header("Location").endsWith("/v1/jobs/run-now/executions/" + id), queued.header("Location"));
        JsonNode finished = api.await("/jobs/run-now/executions/" + id, Duration.ofSeconds(30),
                e -> e.get("status").asText().equals("succeeded"));
        assertEquals("out\n", finished.get("stdout").asText());

        Api.Answer alias = api.post("/jobs/run-now/run?wait=true", "");
        assertEquals(200, alias.status(), alias.body());
        assertEquals("err\n", alias.json().get("stderr").asText());
        assertEquals(0, alias.json().get("exit_code").asInt());

        Api.Answer created = api.post("/jobs?runoncreate", shellJob("run-on-create", "@manually", "echo created"));
        assertEquals(201, created.status());
        JsonNode ran = api.await("/jobs/run-on-create/executions/" + created.header("X-Execution-Id"), Duration.ofSeconds(30),
                e -> e.get("status").asText().equals("succeeded"));
        assertEquals("created\n", ran.get("output").asText());
        assertContract();
    }

    @Test
    void executionsAreFoundByDkronIdPagedServerSideTailedAndCleared() throws Exception {
        Api api = api();
        assertEquals(201, post("/jobs", shellJob("hist", "@manually", "echo 0123456789")).status());
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.post("/jobs/hist?wait=true", "").status());
        }
        Api.Answer list = get("/jobs/hist/executions?output_size_limit=4");
        assertEquals("3", list.header("X-Total-Count"));
        JsonNode newest = list.json().get(0);
        assertEquals("789\n", newest.get("output").asText(), "the last 4 bytes of the output");
        assertTrue(newest.get("output_truncated").asBoolean());
        assertTrue(newest.get("id").asText().matches("\\d{19}-.+"), "Dkron's id: start in Unix nanoseconds, node");
        assertEquals(newest.get("started_at").asText(),
                get("/jobs/hist/executions?_sort=started_at&_order=DESC&_start=0&_end=1").json().get(0).get("started_at").asText());
        assertEquals(1, get("/jobs/hist/executions?_start=1&_end=2").json().size(), "paged by the server");

        Api.Answer one = get("/jobs/hist/executions/" + newest.get("id").asText());
        assertEquals(200, one.status(), one.body());
        assertEquals("0123456789\n", one.json().get("output").asText(), "one execution comes with its full output");
        assertEquals(newest.get("execution_id").asLong(), one.json().get("execution_id").asLong());
        assertEquals(404, api.get("/jobs/run-now/executions/" + newest.get("id").asText()).status(),
                "an execution is found under its own job only");

        Api.Answer cleared = checked("DELETE", "/jobs/hist/executions", api.delete("/jobs/hist/executions"));
        assertEquals(200, cleared.status());
        assertEquals(0, cleared.json().get("success_count").asInt());
        assertTrue(cleared.json().get("last_success").isNull());
        assertEquals("0", get("/jobs/hist/executions").header("X-Total-Count"));
        assertContract();
    }

    @Test
    void busyMembersLeaderAndPauseDescribeTheClusterAsDkronDoes() throws Exception {
        Api api = api();
        assertEquals(201, post("/jobs", shellJob("busy-job", "@manually", "sleep 3")).status());
        String id = api.post("/jobs/busy-job", "").header("X-Execution-Id");
        JsonNode busy = api.await("/busy", Duration.ofSeconds(20), list -> StreamSupport.stream(list.spliterator(), false)
                .anyMatch(e -> e.get("execution_id").asText().equals(id)));
        JsonNode running = StreamSupport.stream(busy.spliterator(), false)
                .filter(e -> e.get("execution_id").asText().equals(id)).findFirst().orElseThrow();
        assertEquals("0001-01-01T00:00:00Z", running.get("finished_at").asText(), "Dkron's zero time while running");
        assertFalse(running.get("success").asBoolean());
        get("/busy");

        JsonNode members = get("/members").json();
        assertEquals(1, members.size(), members.toString());
        assertEquals("alive", members.get(0).get("statusText").asText());
        assertEquals(1, members.get(0).get("Status").asInt());
        String node = members.get(0).get("Name").asText();
        assertEquals(node, get("/leader").json().get("Name").asText());
        assertEquals(200, get("/isleader").status());
        assertEquals(node, get("/").json().at("/agent/name").asText());

        assertFalse(get("/pause").json().get("paused").asBoolean());
        assertTrue(post("/pause", "").json().get("paused").asBoolean());
        try {
            Api.Answer refused = api.post("/jobs", shellJob("while-paused", "@manually", "true"));
            assertEquals(503, refused.status());
            assertEquals(404, api.get("/jobs/while-paused").status());
            assertEquals(200, api.post("/jobs/busy-job/toggle", "").status(), "toggle is not a submission");
        } finally {
            assertFalse(post("/unpause", "").json().get("paused").asBoolean());
        }
        assertEquals(201, api.post("/jobs", shellJob("while-paused", "@manually", "true")).status());
        assertContract();
    }

    @Test
    void theApplicationServesItsOwnOpenApiDocumentWithEveryRoute() {
        Api root = new Api(base.toString().replaceAll("/$", ""));
        Api.Answer openapi = root.get("/openapi?format=json");
        assertEquals(200, openapi.status());
        JsonNode paths = openapi.json().get("paths");
        for (String path : List.of("/v1", "/v1/jobs", "/v1/jobs/{name}", "/v1/jobs/{name}/run", "/v1/jobs/{name}/toggle",
                "/v1/jobs/{job}/executions", "/v1/jobs/{job}/executions/{id}", "/v1/restore", "/v1/busy", "/v1/members",
                "/v1/leader", "/v1/isleader", "/v1/leave", "/v1/pause", "/v1/unpause")) {
            assertTrue(paths.has(path), path + " missing from /openapi: " + names(paths));
        }
        assertTrue(paths.get("/v1/jobs/{name}").has("patch"), "merge patch documented");
        assertEquals("Pendule API", openapi.json().at("/info/title").asText());
    }

    @Test
    void dkronsHealthAnswersHealthyAtTheRoot() {
        Api.Answer health = new Api(base.toString().replaceAll("/$", "")).get("/health");
        assertEquals(200, health.status());
        assertEquals("healthy", health.json().get("status").asText());
    }

    @Test
    void aRestoreStoresAllJobsParentsFirstOrNothing() throws Exception {
        Api api = api();
        ArrayNode file = Api.JSON.createArrayNode();
        file.add(Api.JSON.readTree("{\"name\":\"rst-child\",\"parent_job\":\"rst-parent\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"},\"success_count\":7,\"status\":\"success\"}"));
        file.add(Api.JSON.readTree(shellJob("rst-parent", "@every 24h", "true")));
        Api.Answer restored = checked("POST", "/restore", restore(api, file.toString()));
        assertEquals(200, restored.status(), restored.body());
        assertEquals("[\"success create rst-parent\",\"success create rst-child\"]", restored.body());
        assertEquals(7, api.get("/jobs/rst-child").json().get("success_count").asInt(), "a backup's history is kept");

        ArrayNode bad = Api.JSON.createArrayNode();
        bad.add(Api.JSON.readTree(shellJob("rst-good", "@every 24h", "true")));
        bad.add(Api.JSON.readTree(shellJob("rst-bad", "not a cron", "true")));
        Api.Answer refused = restore(api, bad.toString());
        assertEquals(400, refused.status());
        assertTrue(refused.body().contains("rst-bad.schedule"), refused.body());
        assertEquals(404, api.get("/jobs/rst-good").status(), "nothing of a refused file is stored");
        assertContract();
    }

    /** Dkron's own backup sample, restored as a multipart file: every job, chain and history as in the file. */
    @Test
    void dkronsBackupSampleRestoresWhole() throws Exception {
        Path sample = Path.of(System.getProperty("basedir", "."), "..", "shared", "contracts", "dkron-backup-sample.json");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "../shared/contracts/dkron-backup-sample.json absent: skipped");
        Api api = api();
        Api.Answer restored = restore(api, Files.readString(sample));
        assertEquals(200, restored.status(), restored.body());
        BackupComparison.assertRestored(Api.JSON.readTree(sample.toFile()), api);
    }

    /**
     * The seed's backup script saves every job, one JSON line each; the jobs are deleted; the seed's restore script
     * posts them back with curl -d: every http job returns whole, a chain of children included, and a shell job is
     * refused with a 403 naming it (the scripts send no credentials: they act as the anonymous operator, and shell jobs
     * are an admin's). Then Dkron's backup sample goes through the restore script the same way.
     */
    @Test
    void theSeedsBackupAndRestoreScriptsRoundTripEveryHttpJobAndNameTheShellJobsRefused() throws Exception {
        Optional<SeedScripts> scripts = SeedScripts.load();
        Assumptions.assumeTrue(scripts.isPresent(), SeedScripts.ABSENT);
        Api api = api();
        deleteAllJobs(api);
        // names chosen so that children sort BEFORE their parents: the backup's order must still restore them
        assertEquals(201, api.post("/jobs", """
                {"name":"bk-refresh","displayname":"Cache « nuit » été","schedule":"0 */15 * * * *",
                 "timezone":"Europe/Paris","owner":"ops","owner_email":"ops@example.com","executor":"http",
                 "executor_config":{"method":"POST","url":"http://127.0.0.1:9/refresh",
                   "body":"{\\"partner_id\\": \\"3123\\"}","headers":"[\\"Content-Type: application/json\\"]",
                   "expectCode":"200","timeout":"30"},
                 "metadata":{"team":"cache"},"tags":{"zone":"eu:1"},"retries":2,"concurrency":"forbid",
                 "starts_at":"2026-01-01T00:00:00Z","expires_at":"2030-01-01T00:00:00Z"}
                """).status());
        assertEquals(201, api.post("/jobs", """
                {"name":"bk-a-child","parent_job":"bk-refresh","executor":"http","disabled":true,
                 "executor_config":{"method":"POST","url":"http://127.0.0.1:9/done",
                   "body":"echo 'done' && printf '%s' \\"$HOME\\"","timeout":"30"}}
                """).status());
        assertEquals(201, api.post("/jobs", """
                {"name":"bk-0-grandchild","parent_job":"bk-a-child","executor":"http",
                 "executor_config":{"method":"GET","url":"http://127.0.0.1:9/grandchild"}}
                """).status());
        assertEquals(201, api.post("/jobs", CoreScenarios.job("bk-ran", "@every 1h", "http",
                java.util.Map.of("method", "GET", "url", base + "health", "expectCode", "200"))).status());
        Api.Answer ran = api.post("/jobs/bk-ran?wait=true", "");
        assertEquals("succeeded", ran.json().get("status").asText(), "a run, for the history the backup keeps: " + ran.body());
        assertEquals(201, api.post("/jobs", shellJob("bk-shell", "@every 1h", "true")).status());
        JsonNode before = api.get("/jobs").json();

        Path dir = Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), "seed-scripts");
        int port = base.getPort();
        Path backup = scripts.get().runBackup(dir, port);
        assertEquals(before.size(), Files.readAllLines(backup).size(), "one line per job");
        deleteAllJobs(api);
        String restoring = scripts.get().runRestore(dir, port, backup);
        assertTrue(restoring.contains("job bk-shell: a shell job is an admin's"), "the refusal names the shell job: " + restoring);
        assertEquals(404, api.get("/jobs/bk-shell").status(), "the shell job is not restored without an admin's credentials");
        ArrayNode httpJobs = Api.JSON.createArrayNode();
        before.forEach(job -> {
            if (!job.get("executor").asText().equals("shell")) {
                httpJobs.add(job);
            }
        });
        assertEquals(4, httpJobs.size());
        BackupComparison.assertRestored(httpJobs, api);
        assertEquals(names(httpJobs), names(api.get("/jobs").json()));

        Path sample = Path.of(System.getProperty("basedir", "."), "..", "shared", "contracts", "dkron-backup-sample.json");
        Assumptions.assumeTrue(Files.isRegularFile(sample), "../shared/contracts/dkron-backup-sample.json absent: skipped");
        deleteAllJobs(api);
        JsonNode jobs = Api.JSON.readTree(sample.toFile());
        StringBuilder lines = new StringBuilder();
        jobs.forEach(job -> lines.append(job.toString()).append('\n'));
        Path sampleLines = Files.writeString(dir.resolve("backup-dkron_sample"), lines + "\n");
        scripts.get().runRestore(dir, port, sampleLines);
        BackupComparison.assertRestored(jobs, api);
    }

    static void deleteAllJobs(Api api) {
        for (int round = 0; round < 10; round++) {
            JsonNode jobs = api.get("/jobs").json();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> {
                if (job.get("dependent_jobs").isNull()) {
                    api.delete("/jobs/" + java.net.URLEncoder.encode(job.get("name").asText(), StandardCharsets.UTF_8));
                }
            });
        }
        throw new AssertionError("jobs left after deleting: " + api.get("/jobs").body());
    }

    static Api.Answer restore(Api api, String json) {
        String boundary = "pendule-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"backup.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + boundary + "--\r\n";
        return api.send(HttpRequest.newBuilder().header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), "/restore");
    }

    /** The answers of Dkron's routes met Dkron's contract (Pendule's own extensions, such as ?wait, are not checked). */
    /** Dkron 4.1's /v1/stats: one entry per day, oldest first, today last; the runs finished today counted. */
    @Test
    void statsCountTodaysRunsPerDayOldestFirstInDkronsShape() {
        Api api = api();
        JsonNode before = get("/stats").json().get("stats");
        assertEquals(30, before.size(), "30 days by default: " + before);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
        assertEquals(today, before.get(29).get("date").asText(), "today last, as the start of its day in UTC");
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(29).atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant().toString(), before.get(0).get("date").asText(), "oldest first");
        assertEquals(201, api.post("/jobs", shellJob("sts-ok", "@manually", "true")).status());
        assertEquals(201, api.post("/jobs", shellJob("sts-bad", "@manually", "exit 3")).status());
        for (String job : List.of("sts-ok", "sts-ok", "sts-bad")) {
            assertEquals(200, api.post("/jobs/" + job + "?wait=true", "").status(), job);
        }
        JsonNode after = get("/stats?days=1").json().get("stats");
        assertEquals(1, after.size(), after.toString());
        long successes = after.get(0).get("success_count").asLong() - before.get(29).get("success_count").asLong();
        long failures = after.get(0).get("failed_count").asLong() - before.get(29).get("failed_count").asLong();
        // other tests of this class may run jobs meanwhile: at least these three runs, on today's line
        assertTrue(successes >= 2 && failures >= 1, "2 successes and 1 failure expected at least: " + before.get(29) + " → " + after);

        Api.Answer refused = get("/stats?days=0");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.json().get("errors").get("days").isTextual(), refused.body());
        assertContract();
    }

    /** Go's encoding/json leaves a field's default for null, and form libraries send it for an empty number input. */
    @Test
    void nullIsTheDefaultOnCreateReplaceAndMergePatch() {
        Api api = api();
        String nulls = ",\"retries\":null,\"disabled\":null,\"ephemeral\":null,\"success_count\":null,\"error_count\":null}";
        Api.Answer created = post("/jobs", shellJob("nul-job", "@every 24h", "true").replaceFirst("}$", nulls));
        assertEquals(201, created.status(), created.body());
        assertEquals(0, created.json().get("retries").asInt());
        assertFalse(created.json().get("disabled").asBoolean());

        // PUT is Pendule's own route: not in Dkron's contract
        Api.Answer replaced = api.put("/jobs/nul-job", shellJob("nul-job", "@every 12h", "true").replaceFirst("}$", nulls));
        assertTrue(replaced.status() == 200 || replaced.status() == 201, replaced.body());
        assertEquals("@every 12h", replaced.json().get("schedule").asText());

        assertEquals(3, api.patch("/jobs/nul-job", "application/merge-patch+json", "{\"retries\":3}").json().get("retries").asInt());
        Api.Answer patched = api.patch("/jobs/nul-job", "application/merge-patch+json", "{\"retries\":null,\"disabled\":null}");
        assertTrue(patched.status() < 300, patched.body());
        assertEquals(0, patched.json().get("retries").asInt(), "merge patch: null removes the field, which takes its default");

        Api.Answer bad = api.post("/jobs", "{\"name\":\"nul-bad\",\"retries\":\"three\"}");
        assertEquals(400, bad.status(), bad.body());
        assertFalse(bad.body().contains("Feature") || bad.body().contains("java.") || bad.body().contains("`"),
                "no parser internals in the answer: " + bad.body());
        assertContract();
    }

    /** react-admin reads errors as {field: message}; the ordered list stays as violations. */
    @Test
    void validationErrorsAreAFieldMapAndAnOrderedList() {
        Api.Answer refused = api().post("/jobs", "{\"name\":\"Bad Name\",\"schedule\":\"0 61 * * * *\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"},\"retries\":-1}");
        assertEquals(400, refused.status(), refused.body());
        JsonNode errors = refused.json().get("errors");
        assertTrue(errors.isObject(), refused.body());
        for (String field : List.of("name", "schedule", "retries")) {
            assertTrue(errors.get(field).isTextual(), field + " in " + refused.body());
        }
        JsonNode violations = refused.json().get("violations");
        assertTrue(violations.isArray() && violations.size() >= 3, refused.body());
        violations.forEach(v -> assertTrue(errors.get(v.get("field").asText()).asText().contains(v.get("message").asText()),
                v + " in " + errors));
        assertTrue(refused.json().get("message").asText().startsWith("Job validation failed"), refused.body());
        assertEquals(404, api().get("/jobs/no-such-job").status());
        assertTrue(api().get("/jobs/no-such-job").json().get("errors").isObject());
    }

    void assertContract() {
        assertEquals(List.of(), contractProblems, "answers outside Dkron's OpenAPI contract");
    }

    @Test
    void dkronsContractIsAtHandForTheChecks() {
        Assumptions.assumeTrue(contract.isPresent(), DkronContract.ABSENT);
    }
}
