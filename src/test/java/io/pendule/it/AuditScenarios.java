package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log on a real node (docs/security.md): each kind of change made through the API (and the pages' run
 * buttons) is recorded with who, when, from where and what changed, secrets masked; a refused change is recorded
 * denied and leaves no allowed entry, nor does a change that rolls back; /v1/audit filters and pages; runs name who
 * started them. The node has an admin token and password, and the anonymous role operator (so that requests without
 * credentials can be refused what an operator may not do). Users and tokens are changed through the control layer
 * ({@link IdentityChangesProbe}) until /v1 has routes for them. Run once per database by the subclasses.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AuditScenarios {

    static final String ADMIN_TOKEN = "audit-it-admin-token-0123456789-abcdefghij";
    static final String ADMIN_PASSWORD = "audit-it-admin-password";
    static final String USER_AGENT = "pendule-audit-it/1";
    static final String SETTINGS = "pendule.admin.token=" + ADMIN_TOKEN + "\npendule.admin.password=" + ADMIN_PASSWORD
            + "\npendule.anonymous.role=operator\n";
    static final String MASK = "••••";

    @ArquillianResource
    URL base;

    /** The deployment with the test's door to the control layer of users and tokens. */
    static WebArchive withProbe(WebArchive war) {
        return war.addClass(IdentityChangesProbe.class);
    }

    /** Requests without credentials: the anonymous role, operator. */
    Api anonymous() {
        return new Api(base.toString() + "v1").withoutCredentials();
    }

    Api.Answer asAdmin(String method, String path, String body) {
        return as(ADMIN_TOKEN, method, path, body);
    }

    Api.Answer as(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
                .header("User-Agent", USER_AGENT).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return anonymous().send(request, path);
    }

    /** A page's form posted with the admin token (a request without a session has no form token to check). */
    Api.Answer adminForm(String path, String form) {
        return new Api(base.toString()).send(HttpRequest.newBuilder().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("User-Agent", USER_AGENT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), path);
    }

    /** Dkron's restore, a multipart file, as {@code token} (null: anonymous). */
    Api.Answer restore(String token, String json) {
        String boundary = "pendule-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"backup.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + json + "\r\n--" + boundary + "--\r\n";
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("User-Agent", USER_AGENT).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return anonymous().send(request, "/restore");
    }

    Api.Answer adminPage(String path) {
        return new Api(base.toString()).send(HttpRequest.newBuilder().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("User-Agent", USER_AGENT).GET(), path);
    }

    /** The events /v1/audit answers to {@code query}, oldest first. */
    List<JsonNode> audit(String query) {
        Api.Answer answer = asAdmin("GET", "/audit?_order=ASC&_end=1000&" + query, null);
        assertEquals(200, answer.status(), answer.body());
        return StreamSupport.stream(answer.json().spliterator(), false).toList();
    }

    static List<String> actions(List<JsonNode> events) {
        return events.stream().map(e -> e.get("action").asText() + " " + e.get("outcome").asText()).toList();
    }

    static String httpJob(String name, String schedule, String headers) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", schedule).put("executor", "http");
        ObjectNode config = job.putObject("executor_config").put("url", "http://127.0.0.1:9/unreachable").put("method", "GET");
        if (headers != null) {
            config.put("headers", headers);
        }
        return job.toString();
    }

    static String dependent(String name, String upstream) {
        ObjectNode job = (ObjectNode) read(httpJob(name, "@manually", null));
        job.putArray("depends_on").add(upstream);
        return job.toString();
    }

    private static JsonNode read(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String shellJob(String name, String command, String env) {
        ObjectNode job = Api.JSON.createObjectNode().put("name", name).put("schedule", "@manually").put("executor", "shell");
        ObjectNode config = job.putObject("executor_config").put("command", command);
        if (env != null) {
            config.put("env", env);
        }
        return job.toString();
    }

    /** Schedules that fire on 29 February only: no scheduled run joins the ones a test starts (an hourly one did, at 12:00). */
    private static final String RARE = "0 0 0 29 2 *";
    private static final String RARER = "0 0 12 29 2 *";

    @Test
    @Order(1)
    void eachChangeToAJobIsAuditedWithWhoWhenFromWhereAndWhatChanged() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("audited", "@manually", null)).status());
        assertEquals(201, asAdmin("PUT", "/jobs/audited", httpJob("audited", RARE, null)).status());
        assertEquals(200, asAdmin("POST", "/jobs/audited/toggle", null).status());
        assertEquals(200, asAdmin("POST", "/jobs/audited/toggle", null).status());
        Api.Answer run = asAdmin("POST", "/jobs/audited", null);
        assertEquals(202, run.status(), run.body());
        Api.Answer alias = asAdmin("POST", "/jobs/audited/run", null);
        assertEquals(202, alias.status(), alias.body());
        JsonNode execution = asAdmin("GET", "/jobs/audited/executions/" + run.header("X-Execution-Id"), null).json();
        assertEquals("admin", execution.get("started_by").asText(), "the API's execution says who started it: " + execution);
        assertEquals("api", execution.get("trigger").asText());
        awaitFinished("audited", 2);
        assertEquals(200, asAdmin("DELETE", "/jobs/audited/executions", null).status());
        Api.Answer restored = restore(ADMIN_TOKEN, "[" + httpJob("audited", RARER, null) + "]");
        assertEquals(200, restored.status(), restored.body());
        assertEquals(200, asAdmin("DELETE", "/jobs/audited", null).status());

        List<JsonNode> events = audit("target=audited");
        assertEquals(List.of("job.create allowed", "job.update allowed", "job.toggle allowed", "job.toggle allowed",
                "job.run allowed", "job.run allowed", "job.clear allowed", "job.restore allowed", "job.delete allowed"),
                actions(events));
        for (JsonNode event : events) {
            assertEquals("admin", event.get("actor").asText(), event.toString());
            assertEquals("token", event.get("actor_kind").asText(), event.toString());
            assertEquals("bootstrap", event.get("token_id").asText(), "the token used: " + event);
            assertFalse(event.get("remote_addr").asText().isBlank(), event.toString());
            assertEquals(USER_AGENT, event.get("user_agent").asText(), event.toString());
            Instant at = Instant.parse(event.get("at").asText());
            assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now().plusSeconds(5)), event.toString());
        }
        assertEquals("@manually", events.get(0).get("details").get("after").get("schedule").asText());
        assertFalse(events.get(0).get("details").has("before"), "a creation has no before");
        JsonNode update = events.get(1).get("details");
        assertEquals("@manually", update.get("before").get("schedule").asText(), update.toString());
        assertEquals(RARE, update.get("after").get("schedule").asText(), update.toString());
        assertFalse(update.get("after").has("executor"), "only what changed: " + update);
        assertTrue(events.get(2).get("details").get("after").get("disabled").asBoolean(), events.get(2).toString());
        assertFalse(events.get(3).get("details").get("after").get("disabled").asBoolean(), events.get(3).toString());
        assertEquals(run.header("X-Execution-Id"), events.get(4).get("details").get("execution").asText());
        assertEquals(alias.header("X-Execution-Id"), events.get(5).get("details").get("execution").asText());
        assertEquals(2, events.get(6).get("details").get("deleted_executions").asInt(), events.get(6).toString());
        assertEquals(RARER, events.get(7).get("details").get("after").get("schedule").asText(), events.get(7).toString());
        assertEquals(RARER, events.get(8).get("details").get("before").get("schedule").asText());
        assertFalse(events.get(8).get("details").has("after"), "a deletion has no after");
    }

    @Test
    @Order(2)
    void cancelsAreAuditedAndACancelOfAFinishedRunIsAFailedOne() throws Exception {
        assertEquals(201, asAdmin("POST", "/jobs", shellJob("sleeper", "sleep 30", null)).status());
        String id = asAdmin("POST", "/jobs/sleeper", null).header("X-Execution-Id");
        Api.Answer cancelled = asAdmin("POST", "/jobs/sleeper/executions/" + id + "/cancel", null);
        assertEquals(202, cancelled.status(), cancelled.body());
        awaitFinished("sleeper", 1);
        Api.Answer again = asAdmin("POST", "/jobs/sleeper/executions/" + id + "/cancel", null);
        assertEquals(409, again.status(), again.body());

        List<JsonNode> events = audit("target=sleeper&action=job.cancel");
        assertEquals(List.of("job.cancel allowed", "job.cancel failed"), actions(events));
        assertEquals(id, events.get(0).get("details").get("execution").asText());
        assertTrue(events.get(0).get("details").get("answer").asText().matches("cancelled|requested"), events.get(0).toString());
        assertEquals("already_finished", events.get(1).get("details").get("answer").asText());
    }

    @Test
    @Order(3)
    void pausesAndResumesAreAudited() {
        assertEquals(200, asAdmin("POST", "/pause", null).status());
        assertEquals(200, asAdmin("POST", "/unpause", null).status());
        assertEquals(200, asAdmin("POST", "/scheduler/pause", null).status());
        assertEquals(200, asAdmin("POST", "/scheduler/resume", null).status());

        List<JsonNode> submissions = audit("target=submissions");
        assertEquals(List.of("submissions.pause allowed", "submissions.resume allowed"), actions(submissions));
        assertTrue(submissions.get(0).get("details").get("after").get("paused").asBoolean());
        assertFalse(submissions.get(0).get("details").get("before").get("paused").asBoolean());
        assertEquals(List.of("scheduler.pause allowed", "scheduler.resume allowed"), actions(audit("target=scheduler")));
    }

    @Test
    @Order(4)
    void aRefusedChangeIsAuditedDeniedAndLeavesNoAllowedEntry() {
        Api.Answer shell = anonymous().post("/jobs", shellJob("sneaky", "id", null));
        assertEquals(403, shell.status(), "a shell job is an admin's: " + shell.body());
        List<JsonNode> sneaky = audit("target=sneaky");
        assertEquals(List.of("authz.denied denied"), actions(sneaky));
        assertEquals("anonymous", sneaky.get(0).get("actor").asText());
        assertEquals("anonymous", sneaky.get(0).get("actor_kind").asText());
        assertTrue(sneaky.get(0).get("details").get("reason").asText().contains("shell"), sneaky.get(0).toString());
        assertEquals(404, asAdmin("GET", "/jobs/sneaky", null).status(), "nothing was stored");

        Api.Answer pause = anonymous().post("/scheduler/pause", "");
        assertEquals(403, pause.status(), pause.body());
        assertTrue(pause.body().contains("needs the role admin"), "the refusal names the role: " + pause.body());
        assertEquals(List.of("authz.denied denied"), actions(audit("target=" + enc("POST /v1/scheduler/pause"))),
                () -> pause.body() + " / the refusals: " + audit("action=authz.denied"));
        assertEquals(List.of(), audit("actor=anonymous&action=scheduler.pause"), "no pause by the refused caller");
        assertFalse(asAdmin("GET", "/scheduler", null).json().get("paused").asBoolean());

        assertEquals(403, anonymous().get("/audit").status(), "the audit log is an admin's");
        assertEquals(List.of("authz.denied denied"), actions(audit("target=" + enc("GET /v1/audit"))));
        Api.Answer page = new Api(base.toString()).withoutCredentials().get("/audit");
        assertEquals(403, page.status(), "the audit page is an admin's too");
        assertEquals(List.of("authz.denied denied"), actions(audit("target=" + enc("GET /audit"))));

        // A restore fails on its second job, after storing the first: rb-down runs after rb-up, so rb-up may not now
        // run after rb-down. The first job's store and its event roll back together.
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("rb-up", "@daily", null)).status());
        assertEquals(201, asAdmin("POST", "/jobs", dependent("rb-down", "rb-up")).status());
        Api.Answer restore = restore(ADMIN_TOKEN, "[" + httpJob("rollback-first", "@daily", null) + ","
                + dependent("rb-up", "rb-down") + "]");
        assertEquals(400, restore.status(), restore.body());
        assertEquals(404, asAdmin("GET", "/jobs/rollback-first", null).status(), "the restore rolled back");
        assertEquals(List.of("job.create allowed"), actions(audit("target=rb-up")), "no restore of rb-up either");
        assertEquals(List.of(), audit("target=rollback-first"), "and its events with it");
    }

    @Test
    @Order(5)
    void secretsAreMaskedInTheDetails() {
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("secretive", "@daily",
                "[\"Authorization: Bearer s3cret-bearer\",\"X-Trace: visible\"]")).status());
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("secretive", "@daily",
                "[\"Authorization: Bearer n3w-s3cret\",\"X-Trace: visible\"]")).status());
        assertEquals(201, asAdmin("POST", "/jobs", shellJob("dumper", "true", "DB_PASSWORD=hunter2,PGHOST=db")).status());

        Api.Answer answer = asAdmin("GET", "/audit?target=secretive", null);
        Api.Answer shell = asAdmin("GET", "/audit?target=dumper", null);
        for (String body : List.of(answer.body(), shell.body())) {
            assertFalse(body.contains("s3cret-bearer") || body.contains("n3w-s3cret") || body.contains("hunter2"), body);
            assertTrue(body.contains(MASK), body);
        }
        List<JsonNode> events = audit("target=secretive");
        assertEquals(List.of("job.create allowed", "job.update allowed"), actions(events));
        JsonNode update = events.get(1).get("details");
        assertEquals("[\"Authorization: " + MASK + "\",\"X-Trace: visible\"]",
                update.get("after").get("executor_config").get("headers").asText(), "a changed secret is a change, masked: " + update);
        assertTrue(shell.body().contains("PGHOST=db"), "what is no secret is shown: " + shell.body());
    }

    @Test
    @Order(6)
    void usersAndTokensAreAuditedNeverWithTheirSecrets() {
        String password = "audit-ops-password-1";
        Api.Answer created = asAdmin("POST", "/it-identities/users/audit-ops?role=operator&password=" + password, null);
        assertEquals(200, created.status(), created.body());
        Api.Answer token = asAdmin("POST", "/it-identities/tokens?owner=audit-ops&name=ci", null);
        assertEquals(200, token.status(), token.body());
        String tokenId = token.json().get("id").asText();
        String secret = token.json().get("token").asText();
        Api.Answer refused = as(secret, "POST", "/scheduler/pause", null);
        assertEquals(403, refused.status(), "the operator's token may not pause: " + refused.body());
        assertEquals(200, asAdmin("DELETE", "/it-identities/tokens/" + tokenId, null).status());
        assertEquals(200, asAdmin("PUT", "/it-identities/users/audit-ops?role=viewer&password=audit-ops-password-2", null).status());
        assertEquals(200, asAdmin("DELETE", "/it-identities/users/audit-ops", null).status());

        List<JsonNode> user = audit("target=audit-ops");
        assertEquals(List.of("user.create allowed", "user.update allowed", "user.delete allowed"), actions(user));
        assertEquals("operator", user.get(0).get("details").get("after").get("role").asText());
        JsonNode update = user.get(1).get("details");
        assertEquals("operator", update.get("before").get("role").asText(), update.toString());
        assertEquals("viewer", update.get("after").get("role").asText(), update.toString());
        assertEquals(MASK, update.get("after").get("password").asText(), "a new password is a change, masked: " + update);
        assertEquals(List.of("token.create allowed", "token.revoke allowed"), actions(audit("target=" + tokenId)));
        assertEquals("audit-ops", audit("target=" + tokenId).get(0).get("details").get("after").get("owner").asText());

        List<JsonNode> denied = audit("actor=audit-ops&action=authz.denied");
        assertEquals(1, denied.size(), denied.toString());
        assertEquals("token", denied.get(0).get("actor_kind").asText());
        assertEquals(tokenId, denied.get(0).get("token_id").asText(), "the token used is named");

        String all = asAdmin("GET", "/audit?_end=1000", null).body();
        assertFalse(all.contains(password) || all.contains("audit-ops-password-2"), "no password");
        assertFalse(all.contains(secret) || all.contains(secret.substring(secret.lastIndexOf('_') + 1)), "no token secret");
        assertFalse(all.toUpperCase().contains("PBKDF2"), "no password hash");
    }

    @Test
    @Order(7)
    void signInsWrongPasswordsAndSignOutsAreAudited() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        String login = base.toString() + "login";
        String token = formToken(page(browser, login).body());
        HttpResponse<String> wrong = post(browser, login, Map.of("username", "admin", "password", "not-the-password", "_csrf", token));
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> right = post(browser, login, Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf",
                formToken(wrong.body()), "next", "/jobs"));
        assertEquals(303, right.statusCode(), right.body());
        String signedInToken = formToken(page(browser, base.toString() + "jobs").body());
        HttpResponse<String> out = post(browser, base.toString() + "logout", Map.of("_csrf", signedInToken));
        assertTrue(out.statusCode() == 302 || out.statusCode() == 303, out.statusCode() + " " + out.body());

        List<JsonNode> events = audit("actor=admin&target=admin");
        assertEquals(List.of("login.failure failed", "login.success allowed", "logout allowed"), actions(events));
        assertEquals("user", events.get(1).get("actor_kind").asText());
        assertEquals(USER_AGENT, events.get(1).get("user_agent").asText());
    }

    @Test
    @Order(8)
    void thePagesRunButtonsNameWhoStartedTheRun() throws Exception {
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("clicked", "@manually", null)).status());
        Api.Answer button = adminForm("/jobs/clicked/run", "from=job");
        assertEquals(302, button.status(), button.body());
        Matcher ran = Pattern.compile("ran=(\\d+)").matcher(button.header("Location"));
        assertTrue(ran.find(), button.header("Location"));
        String id = ran.group(1);
        Api.Answer bulk = adminForm("/jobs", "action=run&name=clicked");
        assertEquals(303, bulk.status(), bulk.body());

        JsonNode execution = asAdmin("GET", "/jobs/clicked/executions/" + id, null).json();
        assertEquals("admin", execution.get("started_by").asText(), execution.toString());
        assertEquals("manual", execution.get("trigger").asText());
        List<JsonNode> runs = audit("target=clicked&action=job.run");
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(id, runs.get(0).get("details").get("execution").asText());
        assertEquals("manual", runs.get(1).get("details").get("trigger").asText());
        String bulkRun = runs.get(1).get("details").get("execution").asText();
        assertEquals("admin", asAdmin("GET", "/jobs/clicked/executions/" + bulkRun, null).json().get("started_by").asText());

        Api.Answer page = adminPage("/jobs/clicked/executions/" + id);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("class=\"started-by\">admin<"), "the execution page says who started it");
    }

    @Test
    @Order(9)
    void theAuditLogIsFilteredAndPagedNewestFirst() throws Exception {
        assertEquals(201, asAdmin("POST", "/jobs", httpJob("paged", "@daily", null)).status());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, asAdmin("POST", "/jobs/paged/toggle", null).status());
        }

        Api.Answer all = asAdmin("GET", "/audit?target=paged", null);
        assertEquals(200, all.status());
        assertEquals("6", all.header("X-Total-Count"));
        List<JsonNode> newest = StreamSupport.stream(all.json().spliterator(), false).toList();
        assertEquals(List.of("job.toggle", "job.toggle", "job.toggle", "job.toggle", "job.toggle", "job.create"),
                newest.stream().map(e -> e.get("action").asText()).toList(), "newest first");
        for (int i = 1; i < newest.size(); i++) {
            assertTrue(newest.get(i - 1).get("id").asLong() > newest.get(i).get("id").asLong(), newest.toString());
        }

        Api.Answer page = asAdmin("GET", "/audit?target=paged&_start=1&_end=3", null);
        assertEquals("6", page.header("X-Total-Count"), "the count of all that matches");
        assertEquals(List.of(newest.get(1).get("id").asLong(), newest.get(2).get("id").asLong()),
                StreamSupport.stream(page.json().spliterator(), false).map(e -> e.get("id").asLong()).toList());

        assertEquals(1, audit("target=paged&action=job.create").size());
        assertEquals(5, audit("target=paged&action=job.toggle&actor=admin").size());
        assertEquals(0, audit("target=paged&actor=anonymous").size());
        Instant third = Instant.parse(newest.get(3).get("at").asText());
        List<JsonNode> since = audit("target=paged&since=" + enc(third.toString()));
        assertTrue(since.stream().allMatch(e -> !Instant.parse(e.get("at").asText()).isBefore(third)), since.toString());
        assertTrue(since.size() >= 4, since.toString());
        List<JsonNode> until = audit("target=paged&until=" + enc(third.toString()));
        assertTrue(until.stream().allMatch(e -> Instant.parse(e.get("at").asText()).isBefore(third)), until.toString());
        assertEquals(6, since.size() + until.size(), "since and until split the events");

        Api.Answer bad = asAdmin("GET", "/audit?action=job.explode&since=yesterday", null);
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("\"action\"") && bad.body().contains("\"since\""), bad.body());

        Api.Answer auditPage = adminPage("/audit?target=paged&action=job.toggle");
        assertEquals(200, auditPage.status(), auditPage.body());
        assertEquals(5, auditPage.body().split("class=\"audit-event ").length - 1, "the page lists the same events");
        assertTrue(auditPage.body().contains(">job.toggle<"), auditPage.body());
    }

    @Test
    @Order(10)
    void aNodesLeaveIsAudited() {
        assertEquals(200, asAdmin("POST", "/leave", null).status());
        List<JsonNode> left = audit("action=node.leave");
        assertEquals(1, left.size(), left.toString());
        assertTrue(left.get(0).get("target").asText().startsWith("it-audit"), left.get(0).toString());
        assertEquals("admin", left.get(0).get("actor").asText());
    }

    private void awaitFinished(String job, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode list = asAdmin("GET", "/jobs/" + job + "/executions", null).json();
            if (list.size() >= count && StreamSupport.stream(list.spliterator(), false)
                    .noneMatch(e -> e.get("status").asText().matches("queued|running"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the runs of " + job + " did not finish");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String formToken(String html) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(token.find(), "no form token in " + html);
        return token.group(1);
    }

    private static HttpResponse<String> page(HttpClient browser, String url) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", USER_AGENT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient browser, String url, Map<String, String> form)
            throws IOException, InterruptedException {
        List<String> pairs = new ArrayList<>();
        form.forEach((name, value) -> pairs.add(enc(name) + "=" + enc(value)));
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
