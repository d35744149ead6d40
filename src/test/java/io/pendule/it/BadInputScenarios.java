package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad input to the API, on any database: every bad request answers a 4xx (never 2xx, never 500) with a JSON
 * body {@code {"message": …, "errors": {field: message}, "violations": [{"field": …, "message": …}]}} naming the offending field, and leaves
 * the stored jobs exactly as they were. Two known good jobs (a parent and its child) are stored before each
 * test, and {@code GET /v1/jobs} is compared, whole, before and after each bad request.
 * Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
abstract class BadInputScenarios {

    /** Where a case does not ask for one status: any 4xx will do. */
    static final int ANY_4XX = 0;
    static final String GOOD_PARENT = "{\"name\":\"good-parent\",\"schedule\":\"@every 24h\",\"executor\":\"shell\","
            + "\"executor_config\":{\"command\":\"true\"}}";
    static final String GOOD_CHILD = "{\"name\":\"good-child\",\"parent_job\":\"good-parent\",\"executor\":\"shell\","
            + "\"executor_config\":{\"command\":\"true\"}}";
    static final Set<String> GOOD = Set.of("good-parent", "good-child");

    @ArquillianResource
    URL base;

    /** {@code GET /v1/jobs} after the good jobs were stored, before the bad request. */
    JsonNode before;

    Api api() {
        return new Api(base.toString() + "v1");
    }

    /** Stores (again) the two good jobs, removes any other job a previous test let through, takes the snapshot. */
    @BeforeEach
    void twoKnownGoodJobs() {
        Api api = api();
        Api.Answer parent = api.post("/jobs", GOOD_PARENT);
        assertEquals(201, parent.status(), parent.body());
        Api.Answer child = api.post("/jobs", GOOD_CHILD);
        assertEquals(201, child.status(), child.body());
        for (int round = 0; round < 5; round++) {
            List<JsonNode> others = new ArrayList<>();
            api.get("/jobs").json().forEach(j -> {
                if (!GOOD.contains(j.get("name").asText())) {
                    others.add(j);
                }
            });
            if (others.isEmpty()) {
                break;
            }
            others.stream().filter(j -> j.path("dependent_jobs").isNull() || j.path("dependent_jobs").isEmpty())
                    .forEach(j -> api.delete("/jobs/" + segment(j.get("name").asText())));
        }
        before = api.get("/jobs").json();
    }

    // ---------------------------------------------------------------- POST /v1/jobs: the JSON itself

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                arguments(Named.of("unterminated object", "{\"name\":")),
                arguments(Named.of("unquoted name and value", "{name: x}")),
                arguments(Named.of("unterminated array", "[1,2")),
                arguments(Named.of("a JSON string", "\"just a string\"")),
                arguments(Named.of("an empty array", "[]")),
                arguments(Named.of("null", "null")),
                arguments(Named.of("empty body", "")),
                arguments(Named.of("whitespace only", " \n\t ")),
                arguments(Named.of("an array of jobs", "[" + validJob("in-an-array", j -> { }) + "]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformedJson(String body) {
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), ANY_4XX, null);
    }

    @Test
    void truncatedJson() {
        String job = validJob("truncated", j -> j.put("displayname", "a job cut in half").put("retries", 2));
        String half = job.substring(0, job.length() / 2);
        refusedAndNothingChanged("POST /v1/jobs " + half, api().post("/jobs", half), ANY_4XX, null);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments(Named.of("retries \"three\"", validJob("bad-job", j -> j.put("retries", "three"))), "retries"),
                arguments(Named.of("retries -1", validJob("bad-job", j -> j.put("retries", -1))), "retries"),
                arguments(Named.of("retries 2.5", validJob("bad-job", j -> j.put("retries", 2.5))), "retries"),
                arguments(Named.of("disabled \"yes\"", validJob("bad-job", j -> j.put("disabled", "yes"))), "disabled"),
                arguments(Named.of("executor_config.command 1 (Dkron wants strings)",
                        validJob("bad-job", j -> j.putObject("executor_config").put("command", 1))), "executor_config.command"),
                arguments(Named.of("executor_config \"echo\"", validJob("bad-job", j -> j.put("executor_config", "echo"))),
                        "executor_config"),
                arguments(Named.of("tags [\"a\"]", validJob("bad-job", j -> j.putArray("tags").add("a"))), "tags"),
                arguments(Named.of("metadata {\"k\":{\"nested\":1}}",
                        validJob("bad-job", j -> j.putObject("metadata").putObject("k").put("nested", 1))), "metadata"),
                arguments(Named.of("name 42", validJob("bad-job", j -> j.put("name", 42))), "name"),
                arguments(Named.of("starts_at \"tomorrow\"", validJob("bad-job", j -> j.put("starts_at", "tomorrow"))), "starts_at"),
                arguments(Named.of("starts_at in year 999999999 (not RFC 3339: 4-digit years)",
                        validJob("bad-job", j -> j.put("starts_at", "+999999999-12-31T23:59:59Z"))), "starts_at"),
                arguments(Named.of("concurrency \"sometimes\"", validJob("bad-job", j -> j.put("concurrency", "sometimes"))),
                        "concurrency"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void wrongTypes(String body, String field) {
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), ANY_4XX, field);
    }

    /** Dkron silently drops unknown fields (such as v1's {@code command}); Pendule refuses them. */
    @Test
    void unknownFieldsAreRefused() {
        String body = "{\"name\":\"x\",\"schedule\":\"@every 1m\",\"executor\":\"shell\","
                + "\"executor_config\":{\"command\":\"true\"},\"command\":\"true\"}";
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), 400, "command");
    }

    static Stream<Arguments> hugeBodies() {
        String mib = "x".repeat(1024 * 1024);
        return Stream.of(
                arguments(Named.of("5 MiB displayname", validJob("huge-displayname", j -> j.put("displayname", mib.repeat(5))))),
                arguments(Named.of("2 MiB executor_config.command",
                        validJob("huge-command", j -> j.putObject("executor_config").put("command", "echo " + mib.repeat(2))))));
    }

    /** At most 1 MiB per request body. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hugeBodies(String body) {
        refusedAndNothingChanged("POST /v1/jobs (" + body.length() + " bytes)", api().post("/jobs", body), 413, null);
    }

    // ---------------------------------------------------------------- POST /v1/jobs: the fields' values

    static Stream<Arguments> badSchedules() {
        return Stream.of(
                arguments(Named.of("3 fields", "* * *"), ANY_4XX),
                arguments(Named.of("second 61", "61 * * * * *"), ANY_4XX),
                arguments(Named.of("step 0", "*/0 * * * * *"), ANY_4XX),
                arguments(Named.of("February 31st, never fires", "59 23 31 2 *"), 400),
                arguments(Named.of("@every 0s", "@every 0s"), ANY_4XX),
                arguments(Named.of("@every -1s", "@every -1s"), ANY_4XX),
                arguments(Named.of("@every banana", "@every banana"), ANY_4XX),
                arguments(Named.of("@at yesterday", "@at yesterday"), ANY_4XX),
                arguments(Named.of("@at in year 300000 (not RFC 3339: 4-digit years)", "@at +300000-01-01T00:00:00Z"), ANY_4XX),
                arguments(Named.of("@sometimes", "@sometimes"), ANY_4XX),
                arguments(Named.of("empty, without parent_job", ""), ANY_4XX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badSchedules(String schedule, int status) {
        String body = validJob("bad-schedule", j -> j.put("schedule", schedule));
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), status, "schedule");
    }

    static Stream<Arguments> badTimeZones() {
        return Stream.of(arguments("Mars/Olympus"), arguments("UTC+25"), arguments("../../etc/passwd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badTimeZones(String zone) {
        String body = validJob("bad-zone", j -> j.put("schedule", "@daily").put("timezone", zone));
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), ANY_4XX, "timezone");
    }

    static Stream<Arguments> badNames() {
        Stream<Arguments> named = Stream.of("a/b", "..", ".", "with space", "UPPER", "quote\"d", "apostrophe's",
                        "<script>alert(1)</script>", "tab\there", "", "a".repeat(201), "名前", "job-\uD83D\uDE00")
                .map(name -> arguments(Named.of(name.length() > 40 ? name.length() + " characters" : "\"" + name + "\"",
                        validJob(name, j -> { }))));
        return Stream.concat(named, Stream.of(arguments(Named.of("missing name", validJob("x", j -> j.remove("name"))))));
    }

    /** Names are lower-case letters of any script, digits, '_' and '-', at most 200 characters. */
    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badNames(String body) {
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), ANY_4XX, "name");
    }

    /** The other side of the name rule: lower-case letters of other scripts than Latin's ASCII are fine. */
    @Test
    void aUnicodeLowerCaseNameIsAccepted() {
        Api api = api();
        String name = "tâche-été";
        Api.Answer created = api.post("/jobs", validJob(name, j -> { }));
        assertEquals(201, created.status(), created.body());
        assertEquals(name, created.json().get("name").asText());
        Api.Answer read = api.get("/jobs/" + segment(name));
        assertEquals(200, read.status(), read.body());
        assertEquals(name, read.json().get("name").asText());
        Api.Answer deleted = api.delete("/jobs/" + segment(name));
        assertEquals(200, deleted.status(), deleted.body());
        assertUnchanged("creating then deleting " + name);
    }

    /**
     * Beyond the brief: PostgreSQL cannot store a NUL character in text. Refusing it (4xx naming the field, nothing
     * stored) or keeping it (read back as sent) are both fine; a 500 is not.
     */
    @Test
    void aNulCharacterIsKeptOrRefusedNeverAServerError() {
        Api api = api();
        String displayname = "before\u0000after";
        Api.Answer answer = api.post("/jobs", validJob("with-nul", j -> j.put("displayname", displayname)));
        if (answer.status() == 201) {
            Api.Answer read = api.get("/jobs/with-nul");
            assertEquals(displayname, read.json().get("displayname").asText(), read.body());
            assertEquals(200, api.delete("/jobs/with-nul").status());
            assertUnchanged("creating then deleting a job with a NUL in its displayname");
        } else {
            refusedAndNothingChanged("POST /v1/jobs with a NUL in displayname", answer, ANY_4XX, "displayname");
        }
    }

    /** Dkron answers 404 for a missing parent. */
    @Test
    void aChildOfAMissingParentIsNotFound() {
        String body = validJob("orphan", j -> j.put("schedule", "").put("parent_job", "no-such-parent"));
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), 404, "parent_job");
    }

    @Test
    void aJobCannotBeItsOwnParent() {
        String body = validJob("selfish", j -> j.put("schedule", "").put("parent_job", "selfish"));
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), 400, "parent_job");
    }

    static Stream<Arguments> badExecutorConfigs() {
        return Stream.of(
                arguments(Named.of("http url file:///etc/passwd", httpJob("url", "file:///etc/passwd")), "executor_config.url"),
                arguments(Named.of("http url \"not a url\"", httpJob("url", "not a url")), "executor_config.url"),
                arguments(Named.of("http expectCode abc", httpJob("expectCode", "abc")), "executor_config.expectCode"),
                arguments(Named.of("http timeout ten", httpJob("timeout", "ten")), "executor_config.timeout"),
                arguments(Named.of("http method FETCH", httpJob("method", "FETCH")), "executor_config.method"),
                arguments(Named.of("shell timeout ten",
                        validJob("bad-shell", j -> j.putObject("executor_config").put("command", "true").put("timeout", "ten"))),
                        "executor_config.timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void badExecutorConfigs(String body, String field) {
        refusedAndNothingChanged("POST /v1/jobs " + body, api().post("/jobs", body), ANY_4XX, field);
    }

    // ---------------------------------------------------------------- other routes

    static Stream<Arguments> badQueries() {
        return Stream.of(
                arguments("/jobs?_sort=nonsense", "_sort"),
                arguments("/jobs?_order=sideways", "_order"),
                arguments("/jobs?_start=-1", "_start"),
                arguments("/jobs?_start=abc", "_start"),
                arguments("/jobs?_end=1&_start=5", null),
                arguments("/jobs?disabled=maybe", "disabled"),
                arguments("/jobs?status=bogus", "status"),
                arguments("/jobs/good-parent/executions?_sort=bogus", "_sort"),
                arguments("/jobs/good-parent/executions?output_size_limit=-5", "output_size_limit"));
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource
    void badQueries(String path, String field) {
        refusedAndNothingChanged("GET " + path, api().get(path), 400, field);
    }

    @Test
    void putCannotRenameAJob() {
        String body = GOOD_PARENT.replace("\"good-parent\"", "\"other\"");
        refusedAndNothingChanged("PUT /v1/jobs/good-parent " + body, api().put("/jobs/good-parent", body), 400, "name");
    }

    static Stream<Arguments> badMergePatches() {
        return Stream.of(
                arguments("{\"schedule\":\"bad cron\"}", "schedule"),
                arguments("{\"name\":\"renamed\"}", "name"));
    }

    @ParameterizedTest(name = "PATCH {0}")
    @MethodSource
    void badMergePatches(String body, String field) {
        refusedAndNothingChanged("PATCH /v1/jobs/good-parent " + body,
                api().patch("/jobs/good-parent", "application/merge-patch+json", body), 400, field);
    }

    @Test
    void restoringAFileOfInvalidJsonIsRefused() {
        refusedAndNothingChanged("POST /v1/restore (file: invalid JSON)", restore("file", "[{\"name\": \"restored\", "), 400, null);
    }

    /** All or nothing: the valid first job of the file is not stored either. */
    @Test
    void restoringAFileWithOneInvalidJobStoresNothing() {
        String file = "[" + validJob("restored-first", j -> { }) + "," + validJob("Restored Second", j -> { }) + "]";
        refusedAndNothingChanged("POST /v1/restore (file: 2nd job invalid)", restore("file", file), 400, null);
    }

    /** The restore file's cap, 16 MiB: over it, 413 and nothing stored, whether the length is given or not (chunked). */
    @Test
    void aRestoreFileOverTheCapIsRefusedWith413() {
        String padding = "x".repeat(60_000);
        StringBuilder file = new StringBuilder("[");
        for (int i = 0; file.length() <= (16 << 20); i++) {
            file.append(i == 0 ? "" : ",").append(validJob("restored-big-" + i, j -> j.put("displayname", padding)));
        }
        file.append("]");
        refusedAndNothingChanged("POST /v1/restore (17 MiB)", restore("file", file.toString()), 413, null);

        String boundary = "pendule-bad-input-boundary";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"backup.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Api.Answer chunked = api().send(java.net.http.HttpRequest.newBuilder()
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))), "/restore");
        refusedAndNothingChanged("POST /v1/restore (17 MiB, chunked)", chunked, 413, null);
    }

    /** A file of many jobs, over the 1 MiB of other bodies, is read one job at a time and stored whole. */
    @Test
    void aRestoreFileOfManyJobsIsStoredWhole() {
        String padding = "y".repeat(2_000);
        int count = 600;
        StringBuilder file = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            file.append(i == 0 ? "" : ",").append(validJob("restored-many-" + i, j -> j.put("displayname", padding)));
        }
        file.append("]");
        assertTrue(file.length() > (1 << 20), "over the 1 MiB of other bodies: " + file.length());
        Api.Answer restored = restore("file", file.toString());
        assertEquals(200, restored.status(), () -> describe(restored));
        assertEquals(count, restored.json().size());
        assertEquals("success create restored-many-0", restored.json().get(0).asText());
        assertEquals(padding, api().get("/jobs/restored-many-" + (count - 1)).json().get("displayname").asText());
        assertEquals(count + GOOD.size(), api().get("/jobs").json().size());
        for (int i = 0; i < count; i++) {
            assertEquals(200, api().delete("/jobs/restored-many-" + i).status());
        }
    }

    /** Dkron answers 404 when the form has no {@code file}; 400 is fine too, as long as the message says so. */
    @Test
    void restoringWithoutAFileIsRefused() {
        Api.Answer answer = restore("notes", "[]");
        refusedAndNothingChanged("POST /v1/restore (no file part)", answer, ANY_4XX, null);
        assertTrue(answer.status() == 400 || answer.status() == 404, "400 or 404 expected: " + describe(answer));
        JsonNode error = answer.json();
        boolean named = error.path("message").asText().toLowerCase().contains("file");
        for (JsonNode e : error.path("violations")) {
            named |= e.path("field").asText().equals("file") || e.path("message").asText().toLowerCase().contains("file");
        }
        assertTrue(named, "the answer should mention file: " + describe(answer));
    }

    @Test
    void runningAMissingJobIsNotFound() {
        refusedAndNothingChanged("POST /v1/jobs/does-not-exist", api().post("/jobs/does-not-exist", ""), 404, null);
    }

    @Test
    void deletingAParentWithAChildIsAConflict() {
        refusedAndNothingChanged("DELETE /v1/jobs/good-parent", api().delete("/jobs/good-parent"), 409, null);
    }

    @Test
    void anExecutionIdThatIsNotANumberIsNotFound() {
        refusedAndNothingChanged("GET /v1/jobs/good-parent/executions/not-an-id",
                api().get("/jobs/good-parent/executions/not-an-id"), 404, null);
    }

    @Test
    void anEncodedSlashInAJobNameIsAClientError() {
        refusedAndNothingChanged("GET /v1/jobs/a%2Fb", api().get("/jobs/a%2Fb"), ANY_4XX, null);
    }

    // ---------------------------------------------------------------- helpers

    /** A valid shell job as JSON, changed by {@code change}. */
    static String validJob(String name, Consumer<ObjectNode> change) {
        ObjectNode job = Api.JSON.createObjectNode();
        job.put("name", name).put("schedule", "@every 1m").put("executor", "shell");
        job.putObject("executor_config").put("command", "true");
        change.accept(job);
        return job.toString();
    }

    /** A valid http job but for its config {@code key}, set to {@code value}. */
    static String httpJob(String key, String value) {
        return validJob("bad-http", j -> j.put("executor", "http").putObject("executor_config")
                .put("method", "GET").put("url", "http://127.0.0.1:9/ping").put(key, value));
    }

    /** {@code POST /v1/restore} with a multipart form of one part, a JSON file named {@code part}. */
    Api.Answer restore(String part, String content) {
        String boundary = "pendule-bad-input-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\"backup.json\"\r\n"
                + "Content-Type: application/json\r\n"
                + "\r\n"
                + content + "\r\n"
                + "--" + boundary + "--\r\n";
        return api().send("POST", "/restore", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The whole contract, every part checked and reported: the status ({@link #ANY_4XX} or the one given), the
     * JSON error body naming {@code field} (when not null) in its errors, and the stored jobs unchanged.
     */
    void refusedAndNothingChanged(String request, Api.Answer answer, int status, String field) {
        assertAll(request,
                () -> {
                    if (status == ANY_4XX) {
                        assertTrue(answer.status() >= 400 && answer.status() < 500, "4xx expected, got " + describe(answer));
                    } else {
                        assertEquals(status, answer.status(), () -> "got " + describe(answer));
                    }
                },
                () -> {
                    if (answer.status() >= 400) { // a 2xx is reported above; its body is not an error
                        assertErrorJson(answer, field);
                    }
                },
                () -> assertUnchanged(request));
    }

    static void assertErrorJson(Api.Answer answer, String field) {
        JsonNode error;
        try {
            error = Api.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("error body is not JSON: " + describe(answer));
        }
        if (error == null || !error.isObject() || !error.path("message").isTextual() || error.get("message").asText().isBlank()
                || !error.path("errors").isObject() || !error.path("violations").isArray()) {
            fail("error body is not {\"message\": \"…\", \"errors\": {…}, \"violations\": […]}: " + describe(answer));
        }
        java.util.Map<String, String> byField = new java.util.LinkedHashMap<>();
        for (JsonNode e : error.get("violations")) {
            if (!e.path("field").isTextual() || !e.path("message").isTextual()) {
                fail("an entry of violations is not {\"field\": \"…\", \"message\": \"…\"}: " + describe(answer));
            }
            byField.merge(e.get("field").asText(), e.get("message").asText(), (a, b) -> a + "; " + b);
        }
        // the map form libraries read: field → message, a field's messages joined
        assertEquals(Api.JSON.valueToTree(byField), error.get("errors"), "errors is not the field map of violations: " + describe(answer));
        if (field != null) {
            boolean named = false;
            for (JsonNode e : error.get("violations")) {
                String f = e.get("field").asText();
                named |= f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[");
            }
            assertTrue(named, "no error on field " + field + ": " + describe(answer));
        }
    }

    void assertUnchanged(String request) {
        JsonNode after = api().get("/jobs").json();
        if (!before.equals(after)) {
            Set<String> added = names(after);
            added.removeAll(names(before));
            Set<String> removed = names(before);
            removed.removeAll(names(after));
            List<String> changed = new ArrayList<>();
            before.forEach(b -> after.forEach(a -> {
                if (a.get("name").equals(b.get("name")) && !a.equals(b)) {
                    changed.add(a.get("name").asText());
                }
            }));
            fail("stored jobs changed by " + request + ": added " + added + ", removed " + removed + ", changed " + changed);
        }
    }

    static Set<String> names(JsonNode jobs) {
        Set<String> names = new TreeSet<>();
        jobs.forEach(j -> names.add(cut(j.get("name").asText(), 60)));
        return names;
    }

    static String describe(Api.Answer answer) {
        return answer.status() + " " + cut(answer.body(), 400);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }
}
