package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.architecture.Routes;
import io.pendule.security.entity.Role;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's access rules end to end on a real node: every route of the API and the dashboard (found by reflection,
 * {@link Routes}) called by every kind of caller, the answer expected from the role the route declares; the
 * data-dependent rules (shell jobs are an admin's) through the API and the pages; each kind of credential; the health
 * checks open and telling nothing. Run once per database by the subclasses, which also choose how the callers (users
 * and tokens) are made and changed ({@link Callers}); requests carry exactly the headers each test gives
 * ({@link PlainHttp}).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SecurityScenarios {

    static final String NAME = "security";
    /**
     * The database's password as the node is given it (PostgreSQL trusts 127.0.0.1 and ignores it, the embedded
     * database does not use it): a secret to look for.
     */
    static final String DB_PASSWORD = "db-secret-" + UUID.randomUUID();
    /** The settings both deployments have. */
    /** PENDULE_TLS_DIR set, as a deployment whose jobs use TLS files sets it: the TLS file keys stay an admin's. */
    static final String SETTINGS = "pendule.db.password=" + DB_PASSWORD + "\npendule.tls.dir=" + tlsDir() + "\n";
    static final String HTTP_JOB = "sec-http";
    static final String SHELL_JOB = "sec-shell";

    /** Who calls: nobody, a wrong token, and a token of each role. */
    enum Caller { NOBODY, WRONG_TOKEN, VIEWER, OPERATOR, ADMIN }

    private static final Map<Caller, String> TOKENS = new LinkedHashMap<>();
    private static String wrongToken;

    @ArquillianResource
    URL base;

    /**
     * How the tests make their callers and change them, as an admin would have: each database's subclass chooses.
     * Callers made here are never used before they are changed, so no credential the node remembers is in the way.
     */
    interface Callers {

        /** A user with {@code role}; with a password when {@code password} is not null. */
        void user(String name, String role, String password);

        /** A new API token of {@code owner} with {@code role}; answers its text. */
        String token(String owner, String role);

        /** Revokes the token whose text is {@code token}. */
        void revoke(String token);

        /** A token of {@code owner} with {@code role} that has expired by the time this answers; its text. */
        String expired(String owner, String role);

        /** Disables the user. */
        void disable(String name);

        /** Gives the user the lower {@code role}. */
        void demote(String name, String role);
    }

    /** The callers of this class's database. */
    abstract Callers callers();

    /** The database's name in the matrix's report: target/security-matrix-{database}.txt. */
    abstract String database();

    String root() {
        return PlainHttp.loopback(base);
    }

    /** Each database's class makes its own callers (this class's statics outlive a class in the test JVM). */
    @BeforeAll
    static void noCallersYet() {
        TOKENS.clear();
        wrongToken = null;
    }

    @BeforeEach
    void callersAndJobs() {
        if (TOKENS.isEmpty()) {
            for (Caller caller : List.of(Caller.VIEWER, Caller.OPERATOR, Caller.ADMIN)) {
                String role = caller.name().toLowerCase(Locale.ROOT);
                callers().user("sec-" + role, role, null);
                TOKENS.put(caller, callers().token("sec-" + role, role));
            }
            wrongToken = Identities.unknownToken();
        }
        keep(httpJob(HTTP_JOB));
        keep(shellJob(SHELL_JOB));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // health

    @Test
    @Order(1)
    void theHealthChecksAnswerWithoutCredentialsAndTellNothingSecret() {
        List<String> secrets = new ArrayList<>(TOKENS.values());
        secrets.addAll(List.of(DB_PASSWORD, "pdl_", "jdbc:", "pendule_it_" + NAME, "postgres", "password", "token", "secret",
                HTTP_JOB, SHELL_JOB, "sec-admin"));
        for (String path : List.of("/health", "/health/live", "/health/ready")) {
            PlainHttp.Answer answer = PlainHttp.get(root() + path, Map.of());
            assertEquals(200, answer.status(), path + ": " + answer);
            assertTrue(answer.header("content-type").startsWith("application/json"), path + ": " + answer.headers());
            assertEquals("no-store", answer.header("cache-control"), path);
            assertEquals(null, answer.header("set-cookie"), path + " makes no session");
            assertEquals(null, answer.header("www-authenticate"), path);
            String body = answer.body().toLowerCase(Locale.ROOT);
            for (String secret : secrets) {
                assertFalse(body.contains(secret.toLowerCase(Locale.ROOT)), path + " tells " + secret + ": " + answer.body());
            }
            assertTrue(body.matches("\\{\"status\":\"(healthy|up)\".*"), path + ": " + answer.body());
        }
    }

    /** The sign-in form's session (its form token) has the cookie every dashboard session has: no script, no other site. */
    @Test
    @Order(1)
    void theSessionCookieIsForThisSiteAndNoScript() {
        PlainHttp.Answer login = PlainHttp.get(root() + "/login", Map.of());
        assertEquals(200, login.status(), login.toString());
        String cookie = login.header("set-cookie");
        assertNotNull(cookie, "the sign-in form's session: " + login.headers());
        String attributes = cookie.toLowerCase(Locale.ROOT).replace(" ", "");
        assertTrue(attributes.contains(";httponly"), cookie);
        assertTrue(attributes.contains(";samesite=lax") || attributes.contains(";samesite=strict"), cookie);
        assertFalse(login.body().contains("jsessionid"), "no session id in links");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // credentials

    @Test
    @Order(2)
    void eachKindOfCredentialActsAsItsOwnersRoleAndWrongOnesAreRefused() {
        String jobs = root() + "/v1/jobs";
        String viewer = TOKENS.get(Caller.VIEWER);
        assertEquals(200, PlainHttp.get(jobs, PlainHttp.bearer(viewer)).status(), "Authorization: Bearer");
        assertEquals(200, PlainHttp.get(jobs, Map.of("X-Dkron-Token", viewer)).status(), "X-Dkron-Token");
        assertEquals(200, PlainHttp.get(jobs, PlainHttp.basic("", viewer)).status(), "curl -u :TOKEN");
        callers().user("sec-basic", Role.OPERATOR_NAME, "a long enough password");
        PlainHttp.Answer leave = PlainHttp.send("POST", root() + "/v1/leave", PlainHttp.basic("sec-basic", "a long enough password"), null, null);
        assertEquals(403, leave.status(), "an operator by HTTP Basic may not make the node leave: " + leave);
        assertTrue(leave.body().contains("admin") && leave.body().contains("sec-basic (operator)"), leave.body());

        Map<String, Map<String, String>> wrong = new LinkedHashMap<>();
        wrong.put("a wrong Bearer token", PlainHttp.bearer(wrongToken));
        wrong.put("a wrong X-Dkron-Token", Map.of("X-Dkron-Token", wrongToken));
        wrong.put("a wrong token by Basic", PlainHttp.basic("", wrongToken));
        wrong.put("a wrong password", PlainHttp.basic("sec-basic", "not the password at all"));
        wrong.put("an unknown user", PlainHttp.basic("nobody-here", "a long enough password"));
        wrong.put("a malformed Basic", Map.of("Authorization", "Basic %%%"));
        wrong.put("an unknown scheme", Map.of("Authorization", "Digest username=\"sec-admin\""));
        wrong.put("a token too short to be one", PlainHttp.bearer("short"));
        String revoked = callers().token("sec-admin", Role.ADMIN_NAME);
        callers().revoke(revoked);
        wrong.put("a revoked token", PlainHttp.bearer(revoked));
        wrong.put("an expired token", PlainHttp.bearer(callers().expired("sec-admin", Role.ADMIN_NAME)));
        callers().user("sec-disabled", Role.ADMIN_NAME, null);
        String ofDisabled = callers().token("sec-disabled", Role.ADMIN_NAME);
        callers().disable("sec-disabled");
        wrong.put("a token of a disabled user", PlainHttp.bearer(ofDisabled));
        List<String> let = new ArrayList<>();
        wrong.forEach((what, headers) -> {
            PlainHttp.Answer answer = PlainHttp.get(jobs, headers);
            if (answer.status() != 401 || answer.header("www-authenticate") == null
                    || !answer.header("www-authenticate").startsWith("Bearer")) {
                let.add(what + " → " + answer.status() + " " + answer.headers().get("www-authenticate"));
            }
        });
        assertEquals(List.of(), let, "wrong credentials are refused with 401 and WWW-Authenticate");
    }

    /** A token made while its owner had a higher role acts with the owner's role of now ("never above its owner's"). */
    @Test
    @Order(3)
    void aTokenNeverActsAboveItsOwnersRole() {
        callers().user("sec-demoted", Role.OPERATOR_NAME, null);
        String token = callers().token("sec-demoted", Role.OPERATOR_NAME);
        callers().demote("sec-demoted", Role.VIEWER_NAME);
        PlainHttp.Answer delete = PlainHttp.send("DELETE", root() + "/v1/jobs/no-such-job", PlainHttp.bearer(token), null, null);
        assertEquals(403, delete.status(), "the owner is a viewer now: " + delete);
        assertTrue(delete.body().contains("sec-demoted (viewer)"), delete.body());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // shell jobs are an admin's

    @Test
    @Order(4)
    void anOperatorRunsAndTogglesShellJobsButNeverWritesOrDeletesThem() {
        Map<String, String> operator = PlainHttp.bearer(TOKENS.get(Caller.OPERATOR));
        String jobs = root() + "/v1/jobs";

        assertEquals(201, PlainHttp.postJson(jobs, operator, httpJob("sec-op-http")).status(), "an operator writes http jobs");
        assertEquals(200, PlainHttp.send("DELETE", jobs + "/sec-op-http", operator, null, null).status(), "and deletes them");

        expectRefusal("creating a shell job", "sec-op-shell",
                PlainHttp.postJson(jobs, operator, shellJob("sec-op-shell")));
        assertEquals(404, PlainHttp.get(jobs + "/sec-op-shell", admin()).status(), "nothing stored");

        expectRefusal("changing an http job to shell", HTTP_JOB,
                PlainHttp.send("PUT", jobs + "/" + HTTP_JOB, operator, "application/json", bytes(shellJob(HTTP_JOB))));
        expectRefusal("changing a shell job to http", SHELL_JOB,
                PlainHttp.send("PUT", jobs + "/" + SHELL_JOB, operator, "application/json", bytes(httpJob(SHELL_JOB))));
        expectRefusal("changing a shell job's schedule", SHELL_JOB, PlainHttp.send("PATCH", jobs + "/" + SHELL_JOB, operator,
                "application/merge-patch+json", bytes("{\"schedule\":\"@every 1h\"}")));
        expectRefusal("deleting a shell job", SHELL_JOB, PlainHttp.send("DELETE", jobs + "/" + SHELL_JOB, operator, null, null));
        ObjectNode tls = (ObjectNode) tree(httpJob("sec-op-tls"));
        ((ObjectNode) tls.get("executor_config")).put("tlsRootCAsFile", "ca.pem"); // in PENDULE_TLS_DIR
        expectRefusal("naming this host's files for TLS", "sec-op-tls", PlainHttp.postJson(jobs, operator, tls.toString()));
        assertEquals("http", executorOf(HTTP_JOB));
        assertEquals("shell", executorOf(SHELL_JOB));
        assertEquals("@manually", tree(PlainHttp.get(jobs + "/" + SHELL_JOB, admin()).body()).get("schedule").asText());

        PlainHttp.Answer page = PlainHttp.send("POST", root() + "/jobs/" + SHELL_JOB + "/delete", operator,
                "application/x-www-form-urlencoded", bytes(""));
        assertEquals(403, page.status(), "the page refuses what its API twin refuses: " + page);
        assertEquals("shell", executorOf(SHELL_JOB), "the page deleted nothing");

        PlainHttp.Answer run = PlainHttp.send("POST", jobs + "/" + SHELL_JOB + "/run", operator, null, null);
        assertEquals(202, run.status(), "an operator runs a shell job: " + run);
        assertEquals(200, PlainHttp.send("POST", jobs + "/" + SHELL_JOB + "/toggle", operator, null, null).status(), "and toggles it");
        assertEquals(200, PlainHttp.send("POST", jobs + "/" + SHELL_JOB + "/toggle", operator, null, null).status());
        assertEquals(302, PlainHttp.send("POST", root() + "/jobs/" + SHELL_JOB + "/run", operator,
                "application/x-www-form-urlencoded", bytes("")).status(), "and from its page");

        assertEquals(201, PlainHttp.send("PUT", jobs + "/" + SHELL_JOB, admin(), "application/json",
                bytes(shellJob(SHELL_JOB))).status(), "an admin writes shell jobs");
    }

    @Test
    @Order(5)
    void aRestoreWithAShellJobIsRefusedToAnOperatorAndStoresNothing() {
        String file = "[" + httpJob("sec-restore-http") + "," + shellJob("sec-restore-shell") + "]";
        PlainHttp.Answer operator = restore(PlainHttp.bearer(TOKENS.get(Caller.OPERATOR)), file);
        expectRefusal("restoring a shell job", "sec-restore-shell", operator);
        assertEquals(404, PlainHttp.get(root() + "/v1/jobs/sec-restore-http", admin()).status(), "all or nothing: " + operator);
        assertEquals(404, PlainHttp.get(root() + "/v1/jobs/sec-restore-shell", admin()).status());

        PlainHttp.Answer admin = restore(admin(), file);
        assertEquals(200, admin.status(), "an admin restores the same file: " + admin);
        assertEquals("shell", executorOf("sec-restore-shell"));
        PlainHttp.send("DELETE", root() + "/v1/jobs/sec-restore-shell", admin(), null, null);
        PlainHttp.send("DELETE", root() + "/v1/jobs/sec-restore-http", admin(), null, null);
    }

    /**
     * An import makes shell jobs: an operator previews it (dry run) but creating it is an admin's (Authorizer, as a
     * restore), refused naming the job and storing none of the file's jobs; an admin imports the same file.
     */
    @Test
    @Order(6)
    void anImportOfShellJobsIsAnAdminsAndAnOperatorMayPreviewIt() {
        Map<String, String> operator = PlainHttp.bearer(TOKENS.get(Caller.OPERATOR));
        String crontab = "@daily echo sec-import-one\n@hourly echo sec-import-two\n";
        String url = root() + "/v1/import/crontab";
        PlainHttp.Answer preview = PlainHttp.send("POST", url + "?dry_run=true", operator, "text/plain", bytes(crontab));
        assertEquals(200, preview.status(), "an operator previews: " + preview);
        assertEquals(2, tree(preview.body()).get("jobs").size(), preview.body());
        PlainHttp.Answer refused = PlainHttp.send("POST", url, operator, "text/plain", bytes(crontab));
        expectRefusal("importing shell jobs", "echo", refused);
        assertEquals(404, PlainHttp.get(root() + "/v1/jobs/echo", admin()).status(), "nothing created: " + refused);
        assertEquals(404, PlainHttp.get(root() + "/v1/jobs/echo-2", admin()).status());
        String cronJob = "{apiVersion: batch/v1, kind: CronJob, metadata: {name: sec-import}, spec: {schedule: '@daily',"
                + " jobTemplate: {spec: {template: {spec: {containers: [{command: ['true']}]}}}}}}";
        expectRefusal("importing a CronJob", "sec-import", PlainHttp.send("POST", root() + "/v1/import/cronjob", operator,
                "application/yaml", bytes(cronJob)));

        PlainHttp.Answer created = PlainHttp.send("POST", url, admin(), "text/plain", bytes(crontab));
        assertEquals(201, created.status(), "an admin imports: " + created);
        assertEquals("shell", executorOf("echo"));
        assertEquals("shell", executorOf("echo-2"));
        PlainHttp.send("DELETE", root() + "/v1/jobs/echo", admin(), null, null);
        PlainHttp.send("DELETE", root() + "/v1/jobs/echo-2", admin(), null, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // every route × every caller

    /**
     * Every route found by reflection, called by nobody, a wrong token, a viewer, an operator and an admin: nobody gets
     * 401 from the API and the sign-in page from the dashboard, a wrong token 401, a role below the route's 403, a role
     * at or above it anything but 401 and 403. The expectation is the route's declared role: a route that declares
     * none fails here. Run last: the admin's own call of POST /v1/leave takes the node out of the cluster.
     */
    @Test
    @Order(100)
    void everyRouteAnswersEachCallerAsItsDeclaredRoleSays() throws Exception {
        PlainHttp.Answer ran = PlainHttp.send("POST", root() + "/v1/jobs/" + HTTP_JOB + "?wait=true", admin(), null, null);
        assertEquals(200, ran.status(), "a run for the execution routes to find: " + ran);
        String execution = ran.header("x-execution-id");
        assertNotNull(execution, ran.headers().toString());
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("name", HTTP_JOB);
        samples.put("job", HTTP_JOB);
        samples.put("id", execution);
        samples.put("slug", "no-such-endpoint");
        samples.put("type", "metric");
        samples.put("pack", "no-such-pack");
        samples.put("id_config", "no-such-pack:1.0");
        samples.put("version", "1.0");

        List<Routes.Route> routes = new ArrayList<>(Routes.all());
        routes.sort(Comparator.comparing(SecurityScenarios::turn));
        assertTrue(routes.size() > 30, "the routes found: " + routes);
        List<String> table = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Routes.Route route : routes) {
            if (route.role() == null || Role.of(route.role()).isEmpty()) {
                wrong.add(route + ": declares no role of viewer, operator, admin");
                continue;
            }
            String path = route.path(samples);
            for (Caller caller : Caller.values()) {
                keep(httpJob(HTTP_JOB));
                PlainHttp.Answer answer = call(route, path, caller, execution);
                String expected = expected(route, caller);
                String problem = mismatch(route, caller, answer);
                table.add(String.format("%-6s %-45s %-12s %-4d %s%s", route.method(), path, caller.name().toLowerCase(Locale.ROOT),
                        answer.status(), expected, problem == null ? "" : "   ✗ " + problem));
                if (problem != null) {
                    wrong.add(route.method() + " " + path + " as " + caller + ": " + problem + " — " + answer);
                }
            }
            if (!route.method().equals("GET")) {
                PlainHttp.send("POST", root() + "/v1/unpause", admin(), null, null);
                PlainHttp.send("POST", root() + "/v1/scheduler/resume", admin(), null, null);
            }
        }
        Path report = Path.of(System.getProperty("basedir", "."), "target", "security-matrix-" + database() + ".txt");
        Files.createDirectories(report.getParent());
        Files.write(report, table, StandardCharsets.UTF_8);
        assertEquals(List.of(), wrong, "answers that break the declared roles (the whole table: " + report + ")");
    }

    /**
     * When a route is called: reading first, while the sample execution is there; then the other writes (a cancel finds
     * the execution); then what deletes (the job comes back before each call, the execution does not); last the node's
     * leave, which cannot be undone.
     */
    private static int turn(Routes.Route route) {
        if (route.template().endsWith("/leave")) {
            return 3;
        }
        if (route.method().equals("DELETE") || route.template().endsWith("/delete") || route.template().endsWith("/clear")) {
            return 2;
        }
        return route.method().equals("GET") ? 0 : 1;
    }

    private PlainHttp.Answer call(Routes.Route route, String path, Caller caller, String execution) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", route.kind() == Routes.Kind.API ? "application/json" : "text/html");
        switch (caller) {
            case NOBODY -> {
            }
            case WRONG_TOKEN -> headers.put("Authorization", "Bearer " + wrongToken);
            default -> headers.put("Authorization", "Bearer " + TOKENS.get(caller));
        }
        String url = root() + path;
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            return PlainHttp.send(route.method(), url, headers, null, null);
        }
        if (route.kind() == Routes.Kind.PAGE) {
            return PlainHttp.send(route.method(), url, headers, "application/x-www-form-urlencoded",
                    bytes("action=run&name=" + HTTP_JOB + "&from=job&id=" + execution));
        }
        if (route.template().equals("/v1/restore")) {
            Object[] multipart = PlainHttp.multipartFile("file", "backup.json", "[" + httpJob(HTTP_JOB) + "]");
            return PlainHttp.send(route.method(), url, headers, (String) multipart[0], (byte[]) multipart[1]);
        }
        return PlainHttp.send(route.method(), url, headers, "application/json",
                bytes(route.template().startsWith("/v1/jobs") ? httpJob(HTTP_JOB) : ""));
    }

    private static String expected(Routes.Route route, Caller caller) {
        return switch (caller) {
            case NOBODY -> route.kind() == Routes.Kind.API ? "401" : "sign-in page";
            case WRONG_TOKEN -> "401";
            default -> roleOf(caller).includes(Role.of(route.role()).orElseThrow()) ? "allowed" : "403";
        };
    }

    /** Why the answer breaks the route's rule for the caller; null when it keeps it. */
    private static String mismatch(Routes.Route route, Caller caller, PlainHttp.Answer answer) {
        String expected = expected(route, caller);
        int status = answer.status();
        return switch (expected) {
            case "401" -> status == 401 && answer.header("www-authenticate") != null ? null
                    : "expected 401 with WWW-Authenticate, got " + status;
            case "sign-in page" -> (status == 302 || status == 303) && answer.header("location") != null
                    && answer.header("location").contains("/login") ? null
                    : "expected a redirect to /login, got " + status + " " + answer.header("location");
            case "403" -> status != 403 ? "expected 403 for a " + caller + " on a route of " + route.role() + ", got " + status
                    : route.kind() == Routes.Kind.API && !answer.body().contains(route.role())
                    ? "the 403 does not name the role " + route.role() : null;
            default -> status == 401 || status == 403 && refusedForTheRole(answer)
                    ? "a " + caller + " may call a route of " + route.role() + ", got " + status : null;
        };
    }

    /**
     * Whether a 403 is a refusal for the caller's role (the API's "this needs the role", the pages' role notice), not
     * one of a data rule the route applies to callers its role lets in (the password page changes a signed-in
     * user's own password: a token has none), which the other tests of this class check.
     */
    private static boolean refusedForTheRole(PlainHttp.Answer answer) {
        return answer.body().contains("this needs the role") || answer.body().contains("Your role does not allow this");
    }

    private static Role roleOf(Caller caller) {
        return Role.valueOf(caller.name());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void expectRefusal(String what, String job, PlainHttp.Answer answer) {
        assertEquals(403, answer.status(), what + " is an admin's: " + answer);
        assertTrue(answer.body().contains("job " + job), what + ": the refusal names the job: " + answer.body());
    }

    private PlainHttp.Answer restore(Map<String, String> headers, String file) {
        Object[] multipart = PlainHttp.multipartFile("file", "backup.json", file);
        return PlainHttp.send("POST", root() + "/v1/restore", headers, (String) multipart[0], (byte[]) multipart[1]);
    }

    private String executorOf(String job) {
        PlainHttp.Answer answer = PlainHttp.get(root() + "/v1/jobs/" + job, admin());
        assertEquals(200, answer.status(), job + ": " + answer);
        return tree(answer.body()).get("executor").asText();
    }

    /** Stores a job as the admin (creating or replacing it). */
    private void keep(String job) {
        PlainHttp.Answer answer = PlainHttp.postJson(root() + "/v1/jobs", admin(), job);
        assertEquals(201, answer.status(), "the admin stores " + job + ": " + answer);
    }

    Map<String, String> admin() {
        return PlainHttp.bearer(TOKENS.get(Caller.ADMIN));
    }

    /** An http job run by hand only, calling this node's own health check. */
    String httpJob(String name) {
        return CoreScenarios.job(name, "@manually", "http", Map.of("method", "GET", "url", root() + "/health"));
    }

    static String shellJob(String name) {
        return CoreScenarios.job(name, "@manually", "shell", Map.of("command", "true"));
    }

    static JsonNode tree(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static java.nio.file.Path tlsDir() {
        try {
            return java.nio.file.Files.createTempDirectory(java.nio.file.Path.of(System.getProperty("it.tmpdir", "target"))
                    .toAbsolutePath(), "tls");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
