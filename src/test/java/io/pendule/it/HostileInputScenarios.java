package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's hostile input, proven on a node on each database (the subclasses): every case of the corpus ({@link HostileCorpus},
 * src/test/resources/hostile/corpus.txt), then a short fuzzing run of mutated job JSON. For each request: never a 5xx;
 * the status the case expects; on /v1 a 4xx naming the case's field; no change to the database (every table read before and after, by JDBC on
 * PostgreSQL, through {@link TablesProbe} inside the node on the embedded database, but node heartbeats, api_token.last_used_at and the audit rows that record a refusal:
 * {@code authz.denied}, {@code login.failure}, which are legitimate writes); no XSS marker sent coming back unescaped
 * (not at all in HTML or other text; in JSON only as a string's text: the JSON parses and the marker's quote is
 * escaped). A case that may be accepted says what it creates: that is read back, its pages checked for unescaped
 * markers, removed, and its create/delete audit rows forgiven. Every case runs, and all failures are reported at once;
 * the table of answers is written to target/hostile-input-&lt;database&gt;.txt.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HostileInputScenarios {

    static final String NAME = "hostile";
    static final String FUZZ_SEED = "pendule.fuzz.seed";
    static final String FUZZ_COUNT = "pendule.fuzz.count";
    static final String FUZZ_SECONDS = "pendule.fuzz.seconds";
    /** Audit rows a refusal writes, legitimately, in a transaction of their own. */
    static final Set<String> REFUSALS_AUDITED = Set.of("authz.denied", "login.failure");
    /** Audit rows a case that creates something, then the clean-up, write. */
    static final Set<String> CREATION_AUDITED = Set.of("job.create", "job.update", "job.delete", "token.create",
            "token.revoke", "user.create", "user.delete");
    /** Tables that change by themselves (heartbeats) or are not data (the migrations). */
    static final Set<String> NOT_SNAPSHOT = Set.of("node", "flyway_schema_history");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static final Map<String, String> VALUES = new HashMap<>();
    /** The database whose node the fixture was made on. */
    private static String fixtureOf;

    @ArquillianResource
    URL base;

    /** How the fixture's callers are made and changed, as an admin would (see SecurityScenarios). */
    abstract SecurityScenarios.Callers callers();

    /** Every table of the node's database: its rows, each a column → value (as text) map in column order. */
    abstract Map<String, List<Map<String, String>>> rows() throws Exception;

    /** Deletes the API tokens named {@code name} (a case created one); answers how many. */
    abstract int deleteTokens(String name) throws Exception;

    /** "postgres" or "embedded", for the reports' names. */
    abstract String database();

    String root() {
        return PlainHttp.loopback(base);
    }

    /** An answer; status -1 when the server closed the connection without one. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        boolean json() {
            String type = header("content-type");
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "… (" + body.length() + " chars)" : body);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The jobs, the run and the callers the cases name; made once, before the first snapshot. */
    void fixture() throws Exception {
        if (database().equals(fixtureOf)) {
            return;
        }
        VALUES.clear(); // the maps are static, and both databases' tests may run in one JVM
        TOKENS.clear();
        fixtureOf = database();
        Map<String, String> admin = PlainHttp.bearer(Deployments.ADMIN_TOKEN);
        String jobs = root() + "/v1/jobs";
        store(admin, CoreScenarios.job("hostile-http", "@manually", "http", Map.of("method", "GET", "url", root() + "/health")));
        store(admin, CoreScenarios.job("hostile-shell", "@manually", "shell", Map.of("command", "true")));
        store(admin, "{\"name\":\"hostile-child\",\"parent_job\":\"hostile-http\",\"executor\":\"http\","
                + "\"executor_config\":{\"method\":\"GET\",\"url\":\"" + root() + "/health\"}}");
        PlainHttp.Answer ran = PlainHttp.send("POST", jobs + "/hostile-http?wait=true", admin, null, null);
        assertEquals(200, ran.status(), "the fixture's run: " + ran);
        VALUES.put("exec", ran.header("x-execution-id"));

        SecurityScenarios.Callers callers = callers();
        callers.user("hostile-viewer", "viewer", null);
        TOKENS.put("viewer", callers.token("hostile-viewer", "viewer"));
        callers.user("hostile-admin", "admin", null);
        TOKENS.put("expired", callers.expired("hostile-admin", "admin"));
        String revoked = callers.token("hostile-admin", "admin");
        callers.revoke(revoked);
        TOKENS.put("revoked", revoked);
        callers.user("hostile-disabled", "admin", null);
        TOKENS.put("disabled", callers.token("hostile-disabled", "admin"));
        callers.disable("hostile-disabled");
        TOKENS.put("forged", Identities.unknownToken());
        TOKENS.put("admin", Deployments.ADMIN_TOKEN);
        // the run's result and counters are written by the recorder shortly after the answer: let them land
        Thread.sleep(1500);
    }

    private void store(Map<String, String> admin, String job) {
        PlainHttp.Answer answer = PlainHttp.postJson(root() + "/v1/jobs", admin, job);
        assertEquals(201, answer.status(), "the fixture's job " + job + ": " + answer);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyCaseOfTheCorpusIsRefusedCleanly() throws Exception {
        fixture();
        List<HostileCorpus.Case> cases = HostileCorpus.read();
        List<String> failures = new ArrayList<>();
        List<String> table = new ArrayList<>();
        long started = System.nanoTime();
        for (HostileCorpus.Case hostile : cases) {
            Map<String, List<String>> before = snapshot();
            HostileCorpus.Request request = HostileCorpus.request(hostile, VALUES);
            Answer answer;
            try {
                answer = send(hostile.method(), request, hostile.auth());
            } catch (RuntimeException e) {
                failures.add(hostile + " could not be sent: " + e);
                continue;
            }
            List<String> problems = new ArrayList<>(judge(hostile, request, answer));
            HostileCorpus.Creates creates = hostile.creates();
            boolean created = creates != null && answer.status() >= 200 && answer.status() < 400;
            if (created) {
                problems.addAll(readBackAndRemove(creates));
            }
            problems.addAll(unchanged(before, snapshot(), created ? CREATION_AUDITED : Set.of()));
            table.add(String.format("%-10s %-7s %-4d %s%s", hostile.id(), hostile.method(), answer.status(),
                    cut(request.path(), 70), problems.isEmpty() ? "" : "   ✗ " + String.join("; ", problems)));
            if (!problems.isEmpty()) {
                failures.add(hostile + " → " + answer + "\n      " + String.join("\n      ", problems));
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        table.add(0, cases.size() + " cases in " + seconds + " s, " + failures.size() + " failed");
        System.out.println("Hostile corpus: " + table.get(0));
        write("hostile-input-" + database() + ".txt", table);
        assertTrue(cases.size() >= 300, "the corpus has " + cases.size() + " cases");
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases failed (the table: target/hostile-input-" + database() + ".txt)");
    }

    /** What is wrong with an answer to a case, apart from the database. */
    static List<String> judge(HostileCorpus.Case hostile, HostileCorpus.Request request, Answer answer) {
        List<String> problems = new ArrayList<>();
        if (answer.status() >= 500) {
            problems.add("a server error");
        } else if (answer.status() < 0 ? !hostile.expect().allowsClosed() : !hostile.expect().allows(answer.status())) {
            problems.add("expected " + hostile.expect().text() + ", got " + (answer.status() < 0 ? "a closed connection" : answer.status()));
        }
        if (hostile.field() != null && answer.status() >= 400 && answer.status() < 500) {
            String named = namesField(answer, hostile.field());
            if (named != null) {
                problems.add(named);
            }
        }
        if (request.carriesXss()) {
            String reflected = reflected(answer);
            if (reflected != null) {
                problems.add(reflected);
            }
        }
        return problems;
    }

    /** Null when the answer is the API's error JSON and names {@code field} (or a field under it); else what is wrong. */
    static String namesField(Answer answer, String field) {
        JsonNode error;
        try {
            error = Api.JSON.readTree(answer.body());
        } catch (IOException e) {
            return "the error is not JSON";
        }
        if (error == null || !error.path("message").isTextual() || error.get("message").asText().isBlank()
                || !error.path("errors").isObject() || !error.path("violations").isArray()) {
            return "the error is not {\"message\": \"…\", \"errors\": {…}, \"violations\": […]}";
        }
        for (JsonNode e : error.get("violations")) {
            String f = e.path("field").asText();
            if (f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "[")) {
                return !e.path("message").isTextual() ? "violations[].message missing for " + f
                        : !error.get("errors").path(f).isTextual() ? "errors has no message for " + f : null;
            }
        }
        return "no error names the field " + field;
    }

    /** Null when no XSS marker comes back unescaped; else where it does. */
    static String reflected(Answer answer) {
        String body = answer.body();
        if (answer.json()) {
            try {
                Api.JSON.readTree(body);
            } catch (IOException e) {
                return "a JSON answer that does not parse, carrying an XSS payload";
            }
            int at = body.indexOf("\"><img");
            while (at >= 0) {
                if (at == 0 || body.charAt(at - 1) != '\\') {
                    return "the attribute break-out comes back with its quote unescaped in JSON";
                }
                at = body.indexOf("\"><img", at + 1);
            }
            return null;
        }
        for (String raw : HostileCorpus.RAW_XSS) {
            if (body.contains(raw)) {
                int at = body.indexOf(raw);
                return "the raw payload " + raw + " comes back in a " + answer.header("content-type") + " answer: …"
                        + body.substring(Math.max(0, at - 80), Math.min(body.length(), at + 60)).replace("\n", " ") + "…";
            }
        }
        return null;
    }

    /** A 2xx that stored something: read it back, check its pages, remove it. */
    List<String> readBackAndRemove(HostileCorpus.Creates creates) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, String> admin = PlainHttp.bearer(Deployments.ADMIN_TOKEN);
        String name = creates.name().replace("${xss}", HostileCorpus.XSS_SCRIPT).replace("${xssattr}", HostileCorpus.XSS_ATTRIBUTE);
        List<String> pages = new ArrayList<>();
        switch (creates.kind()) {
            case "job" -> {
                String segment = BadInputScenarios.segment(name);
                PlainHttp.Answer read = PlainHttp.get(root() + "/v1/jobs/" + segment, admin);
                if (read.status() != 200) {
                    problems.add("the job accepted is not readable back: " + read);
                }
                pages.add("/jobs/" + segment);
                pages.add("/jobs");
                pages.add("/jobs/" + segment + "/edit");
                for (String page : pages) {
                    String unescaped = reflected(asAnswer(PlainHttp.get(root() + page, admin)));
                    if (unescaped != null) {
                        problems.add("stored, then on " + page + ": " + unescaped);
                    }
                }
                PlainHttp.Answer deleted = PlainHttp.send("DELETE", root() + "/v1/jobs/" + segment, admin, null, null);
                if (deleted.status() != 200) {
                    problems.add("the job accepted cannot be deleted: " + deleted);
                }
            }
            case "token" -> {
                for (String page : List.of("/tokens?all", "/v1/tokens?all=true")) {
                    String unescaped = reflected(asAnswer(PlainHttp.get(root() + page, admin)));
                    if (unescaped != null) {
                        problems.add("stored, then on " + page + ": " + unescaped);
                    }
                }
                if (deleteTokens(name) != 1) {
                    problems.add("no token named " + name + " was stored");
                }
            }
            case "user" -> {
                String unescaped = reflected(asAnswer(PlainHttp.get(root() + "/users", admin)));
                if (unescaped != null) {
                    problems.add("stored, then on /users: " + unescaped);
                }
                PlainHttp.send("DELETE", root() + "/v1/users/" + BadInputScenarios.segment(name), admin, null, null);
            }
            default -> throw new IllegalArgumentException(creates.kind());
        }
        return problems;
    }

    private static Answer asAnswer(PlainHttp.Answer answer) {
        return new Answer(answer.status(), answer.headers(), answer.body());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the database, read directly

    /** Every table's rows as text, sorted; api_token without last_used_at (any use of a token may note it). */
    Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        for (Map.Entry<String, List<Map<String, String>>> table : rows().entrySet()) {
            if (NOT_SNAPSHOT.contains(table.getKey())) {
                continue;
            }
            List<String> rows = new ArrayList<>();
            for (Map<String, String> columns : table.getValue()) {
                StringBuilder row = new StringBuilder();
                columns.forEach((column, value) -> {
                    if (table.getKey().equals("api_token") && column.equals("last_used_at")) {
                        return;
                    }
                    if (table.getKey().equals("audit_event") && column.equals("action")) {
                        row.insert(0, value + "\u0001");
                    }
                    row.append(column).append('=').append(value).append(' ');
                });
                rows.add(row.toString());
            }
            rows.sort(null);
            tables.put(table.getKey(), rows);
        }
        for (String needed : List.of("job", "execution", "app_user", "api_token", "audit_event")) {
            if (!tables.containsKey(needed)) {
                throw new IllegalStateException("no table " + needed + " to compare: " + tables.keySet());
            }
        }
        return tables;
    }

    /**
     * The differences between two snapshots: none allowed but new audit rows of a refusal ({@link #REFUSALS_AUDITED})
     * and, for a case that created something, of {@code forgiven} actions.
     */
    static List<String> unchanged(Map<String, List<String>> before, Map<String, List<String>> after, Set<String> forgiven) {
        List<String> problems = new ArrayList<>();
        for (String table : after.keySet()) {
            List<String> was = before.getOrDefault(table, List.of());
            List<String> is = after.get(table);
            List<String> added = new ArrayList<>(is);
            added.removeAll(was);
            List<String> removed = new ArrayList<>(was);
            removed.removeAll(is);
            if (table.equals("audit_event")) {
                added.removeIf(row -> {
                    String action = row.substring(0, row.indexOf('\u0001'));
                    return REFUSALS_AUDITED.contains(action) || forgiven.contains(action);
                });
            }
            if (!added.isEmpty() || !removed.isEmpty()) {
                problems.add("table " + table + " changed: added " + cut(added.toString(), 300) + ", removed " + cut(removed.toString(), 300));
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // requests

    /**
     * Sends the request with the credentials named (unless it carries its own); by the JDK's client, or on a socket
     * for what that client refuses to send (a header with a NUL or a line break).
     */
    Answer send(String method, HostileCorpus.Request request, String auth) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        boolean own = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("X-Dkron-Token"));
        if (!own && !auth.equals("none")) {
            String token = TOKENS.get(auth);
            if (token == null) {
                throw new IllegalArgumentException("unknown credentials as=" + auth);
            }
            headers.put("Authorization", "Bearer " + token);
        }
        if (request.contentType() != null) {
            headers.put("Content-Type", request.contentType());
        }
        String url = root() + request.path();
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .method(method, request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            headers.forEach(builder::header);
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> lower = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
            return new Answer(response.statusCode(), lower, new String(response.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException refusedByTheClient) {
            return asAnswer(PlainHttp.raw(method, url, "127.0.0.1:" + URI.create(url).getPort(), headers, null, request.body()));
        } catch (IOException closed) {
            return new Answer(-1, Map.of(), String.valueOf(closed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // fuzzing

    /**
     * Random mutations of a valid job, posted to /v1/jobs: the seed is printed and taken from {@value #FUZZ_SEED}
     * (default fixed), at most {@value #FUZZ_COUNT} mutations (300) within {@value #FUZZ_SECONDS} seconds (60). A 4xx
     * must name a field and change nothing; a 2xx is a mutation that left the job valid: it must be readable back by
     * the name the answer gives, is deleted, and only its create and delete audit rows may remain; a 5xx or a closed
     * connection fails.
     */
    @Test
    @Order(2)
    void fuzzedJobsAreRefusedOrStoredWholeNeverAServerError() throws Exception {
        fixture();
        long seed = Long.parseLong(System.getProperty(FUZZ_SEED, "20260313"));
        int count = Integer.parseInt(System.getProperty(FUZZ_COUNT, "300"));
        long seconds = Long.parseLong(System.getProperty(FUZZ_SECONDS, "60"));
        System.out.println("Fuzzing /v1/jobs with seed " + seed + " (-D" + FUZZ_SEED + "=" + seed + " repeats this run), "
                + count + " mutations at most, " + seconds + " s at most");
        Random random = new Random(seed);
        Map<String, String> admin = PlainHttp.bearer(Deployments.ADMIN_TOKEN);
        PlainHttp.Answer unmutated = PlainHttp.postJson(root() + "/v1/jobs", admin, JobFuzzer.VALID);
        assertEquals(201, unmutated.status(), "the job the mutations start from is valid: " + unmutated);
        assertEquals(200, PlainHttp.send("DELETE", root() + "/v1/jobs/fuzz-job", admin, null, null).status());
        List<String> failures = new ArrayList<>();
        List<String> table = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Instant deadline = Instant.now().plusSeconds(seconds);
        int done = 0;
        for (; done < count && Instant.now().isBefore(deadline); done++) {
            List<String> mutations = new ArrayList<>();
            String body = JobFuzzer.mutate(random, mutations);
            Map<String, List<String>> before = snapshot();
            HostileCorpus.Request request = new HostileCorpus.Request("/v1/jobs", Map.of(), "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            Answer answer = send("POST", request, "admin");
            outcomes.merge(answer.status() < 0 ? "closed" : answer.status() / 100 + "xx", 1, Integer::sum);
            List<String> problems = new ArrayList<>();
            boolean created = false;
            if (answer.status() >= 500 || answer.status() < 0) {
                problems.add(answer.status() < 0 ? "the connection was closed" : "a server error");
            } else if (answer.status() >= 200 && answer.status() < 300) {
                created = true;
                String name = Api.JSON.readTree(answer.body()).path("name").asText();
                PlainHttp.Answer read = PlainHttp.get(root() + "/v1/jobs/" + BadInputScenarios.segment(name), admin);
                if (read.status() != 200 || !Api.JSON.readTree(read.body()).path("name").asText().equals(name)) {
                    problems.add("accepted as " + name + " but not readable back: " + read);
                }
                PlainHttp.Answer deleted = PlainHttp.send("DELETE", root() + "/v1/jobs/" + BadInputScenarios.segment(name), admin, null, null);
                if (deleted.status() != 200) {
                    problems.add("accepted as " + name + " but not deletable: " + deleted);
                }
            } else if (answer.status() >= 400) {
                JsonNode error = Api.JSON.readTree(answer.body());
                if (!error.path("message").isTextual() || error.path("errors").isEmpty()) {
                    problems.add("a 4xx that names no field");
                }
                String reflected = request.carriesXss() ? reflected(answer) : null;
                if (reflected != null) {
                    problems.add(reflected);
                }
            }
            problems.addAll(unchanged(before, snapshot(), created ? CREATION_AUDITED : Set.of()));
            table.add(String.format("%4d %-4d %s %s", done, answer.status(), mutations, problems.isEmpty() ? "" : "✗ " + problems));
            if (!problems.isEmpty()) {
                failures.add("mutation " + done + " " + mutations + " → " + answer + "\n      body: " + cut(body, 300)
                        + "\n      " + String.join("\n      ", problems));
            }
        }
        table.add(0, "seed " + seed + ", " + done + " mutations, outcomes " + outcomes + ", " + failures.size() + " failed");
        System.out.println("Fuzzing: " + table.get(0));
        write("hostile-fuzz-" + database() + ".txt", table);
        assertTrue(done >= Math.min(count, 50), "only " + done + " mutations in " + seconds + " s");
        assertEquals(List.of(), failures, "fuzzing with seed " + seed + " (target/hostile-fuzz-" + database() + ".txt)");
    }

    /** Mutations of a valid job's JSON. */
    static final class JobFuzzer {

        static final String VALID = "{\"name\":\"fuzz-job\",\"displayname\":\"Fuzzed job\",\"schedule\":\"@every 1h\","
                + "\"timezone\":\"Europe/Paris\",\"owner\":\"ops\",\"owner_email\":\"ops@example.com\",\"disabled\":true,"
                + "\"tags\":{\"role\":\"worker\"},\"metadata\":{\"team\":\"core\"},\"retries\":2,\"concurrency\":\"forbid\","
                + "\"executor\":\"http\",\"executor_config\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/ping\","
                + "\"timeout\":\"5\",\"expectCode\":\"200\"},\"timeout\":\"1m\",\"retry_delay\":\"10s\",\"retry_backoff\":2.0,"
                + "\"misfire_policy\":\"fire_once\",\"keep_executions\":10,\"starts_at\":\"2026-01-01T00:00:00Z\"}";
        static final String[] ODD = {"\u0000", "\u202e", "\ud83d\ude00", "\u0085", "\r\n", "\u200b", "名", "'; DROP TABLE job; --",
                HostileCorpus.XSS_SCRIPT, HostileCorpus.XSS_ATTRIBUTE, "../../etc/passwd", "%00", "\\", "\"", "\ufeff"};
        static final String[] HUGE = {"99999999999999999999999", "1e308", "-1e400", "9223372036854775808", "2147483648",
                "-2147483649", "1" + "0".repeat(400), "0.0000000000000000000000001"};

        static String mutate(Random random, List<String> applied) throws IOException {
            ObjectNode job = (ObjectNode) Api.JSON.readTree(VALID);
            int n = 1 + random.nextInt(3);
            String text = null;
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                if (text != null && kind < 6) {
                    kind = 6 + random.nextInt(4); // once text, only text mutations
                }
                switch (kind) {
                    case 0 -> {
                        String key = randomKey(random, job);
                        JsonNode flipped = flip(random, job.get(key));
                        job.set(key, flipped);
                        applied.add("flip " + key + " to " + cut(String.valueOf(flipped), 30));
                    }
                    case 1 -> {
                        String key = randomKey(random, job);
                        job.remove(key);
                        applied.add("drop " + key);
                    }
                    case 2 -> {
                        ObjectNode target = random.nextBoolean() || !job.has("executor_config") || !job.get("executor_config").isObject()
                                ? job : (ObjectNode) job.get("executor_config");
                        String key = randomKey(random, target);
                        String odd = ODD[random.nextInt(ODD.length)];
                        JsonNode value = target.get(key);
                        String old = value != null && value.isTextual() ? value.asText() : "";
                        int at = old.isEmpty() ? 0 : random.nextInt(old.length() + 1);
                        target.put(key, old.substring(0, at) + odd + old.substring(at));
                        applied.add("insert " + cut(odd, 20).replace("\u0000", "NUL") + " into " + key);
                    }
                    case 3 -> {
                        String key = randomKey(random, job);
                        String huge = HUGE[random.nextInt(HUGE.length)];
                        job.set(key, Api.JSON.readTree(huge.startsWith("1" + "0".repeat(10)) ? huge : huge));
                        applied.add("huge " + key + " = " + cut(huge, 25));
                    }
                    case 4 -> {
                        String key = randomKey(random, job);
                        int depth = 200 + random.nextInt(20_000);
                        text = text(job).replaceFirst("\"" + java.util.regex.Pattern.quote(key) + "\":",
                                java.util.regex.Matcher.quoteReplacement("\"" + key + "\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"" + key + "-was\":"));
                        applied.add("nest " + key + " " + depth + " deep");
                    }
                    case 5 -> {
                        String key = "unknown_" + random.nextInt(100);
                        job.put(key, "x");
                        applied.add("unknown key " + key);
                    }
                    case 6 -> {
                        String current = text != null ? text : text(job);
                        String key = randomKey(random, job);
                        JsonNode value = job.get(key);
                        String duplicate = "\"" + key + "\":" + (value == null ? "null" : flip(random, value).toString()) + ",";
                        text = "{" + duplicate + current.substring(1);
                        applied.add("duplicate " + key);
                    }
                    case 7 -> {
                        String current = text != null ? text : text(job);
                        int at = random.nextInt(current.length());
                        text = current.substring(0, at);
                        applied.add("truncate at " + at);
                    }
                    case 8 -> {
                        String current = text != null ? text : text(job);
                        if (current.isEmpty()) {
                            text = current;
                            break;
                        }
                        int at = random.nextInt(current.length());
                        char c = (char) (random.nextBoolean() ? random.nextInt(128) : random.nextInt(0x10000));
                        text = current.substring(0, at) + c + current.substring(at + 1);
                        applied.add("replace char " + at + " by U+" + Integer.toHexString(c));
                    }
                    default -> {
                        String current = text != null ? text : text(job);
                        String odd = ODD[random.nextInt(ODD.length)];
                        int at = random.nextInt(current.length() + 1);
                        text = current.substring(0, at) + odd + current.substring(at);
                        applied.add("raw insert " + cut(odd, 20).replace("\u0000", "NUL") + " at " + at);
                    }
                }
            }
            return text != null ? text : text(job);
        }

        private static String text(ObjectNode job) throws IOException {
            return Api.JSON.writeValueAsString(job);
        }

        private static String randomKey(Random random, ObjectNode node) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            return keys.isEmpty() ? "name" : keys.get(random.nextInt(keys.size()));
        }

        private static JsonNode flip(Random random, JsonNode value) {
            ArrayNode array = Api.JSON.createArrayNode();
            return switch (random.nextInt(6)) {
                case 0 -> Api.JSON.getNodeFactory().textNode(value == null ? "x" : value.toString());
                case 1 -> Api.JSON.getNodeFactory().numberNode(random.nextInt());
                case 2 -> Api.JSON.getNodeFactory().booleanNode(random.nextBoolean());
                case 3 -> Api.JSON.getNodeFactory().nullNode();
                case 4 -> array.add(value == null ? Api.JSON.getNodeFactory().nullNode() : value);
                default -> Api.JSON.createObjectNode().set("v", value == null ? Api.JSON.getNodeFactory().nullNode() : value);
            };
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static void write(String file, List<String> lines) throws IOException {
        Path report = Path.of(System.getProperty("basedir", "."), "target", file);
        Files.createDirectories(report.getParent());
        Files.write(report, lines, StandardCharsets.UTF_8);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }
}
