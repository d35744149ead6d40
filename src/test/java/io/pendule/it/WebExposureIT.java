package io.pendule.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a node shows of itself on the network, on a real node ({@code java -jar target/pendule.jar}) on PostgreSQL, told
 * to listen on 127.0.0.1 only (PENDULE_BIND_ADDRESS) and that users reach it by https (PENDULE_PUBLIC_URL): no other
 * address of the machine reaches it; its data folder is made for its account only, and one open to others stops the
 * start; errors (an exception nothing caught, 404, 405) get Pendule's page, never Payara's; /metrics and /openapi take
 * the API's credentials, the health checks none; no answer but the static files may be cached; the session cookie is
 * Secure and HSTS is sent; no session before sign-in; the form check is not dodged by a path Payara normalises.
 */
class WebExposureIT {

    private static final String NAME = "web-exposure";
    private static final String PUBLIC_URL = "https://pendule.example.test";
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static String db;
    private static Path dataDir;
    private static Path log;
    private static PenduleProcess node;
    private static String viewerToken;

    @BeforeAll
    static void startNode() throws Exception {
        db = TestDatabases.freshPostgres("pendule_it_web_exposure");
        Path parent = PenduleProcess.freshDataDir(NAME);
        dataDir = parent.resolve("data"); // not there yet: Pendule makes it
        log = parent.resolve(NAME + ".log");
        node = PenduleProcess.start(NAME, db, dataDir, Map.of("PENDULE_BIND_ADDRESS", "127.0.0.1",
                "PENDULE_PUBLIC_URL", PUBLIC_URL), log);
        PlainHttp.Answer token = PlainHttp.postJson(node.root() + "/v1/tokens", PlainHttp.bearer(Deployments.ADMIN_TOKEN),
                "{\"name\":\"metrics reader\",\"role\":\"viewer\",\"owner\":\"admin\"}");
        assertEquals(201, token.status(), token.toString());
        viewerToken = Api.JSON.readTree(token.body()).get("token").asText();
        PlainHttp.Answer job = PlainHttp.postJson(node.root() + "/v1/jobs", PlainHttp.bearer(Deployments.ADMIN_TOKEN),
                AuditScenarios.httpJob("kept", "@manually", null));
        assertEquals(201, job.status(), job.toString());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the data folder (L8)

    @Test
    void theDataFolderIsMadeForThisAccountOnly() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
    }

    @Test
    void aDataFolderOpenToOtherAccountsStopsTheStart() throws Exception {
        Path open = Files.createDirectories(PenduleProcess.freshDataDir(NAME + "-open").resolve("data"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        String output = exitsWithStatus1(Map.of("PENDULE_DATA_DIR", open.toString()));
        assertTrue(output.contains("Pendule did not start: PENDULE_DATA_DIR " + open + " is open to other accounts (rwxr-xr-x)")
                && output.contains("chmod 700 " + open), output);
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)), "left as it was");
        assertEquals(List.of(), listing(open), "Payara made nothing in it");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the listening address (H1)

    @Test
    void itListensOnTheBindAddressOnly() throws Exception {
        assertTrue(connects("127.0.0.1", node.port), "the bind address");
        List<String> others = new ArrayList<>(List.of("127.0.0.2")); // also the loopback interface, but not the address
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    others.add(address.getHostAddress());
                }
            }
        }
        for (String other : others) {
            assertFalse(connects(other, node.port), "reached on " + other);
        }
    }

    @Test
    void aBindAddressNotOfThisMachineStopsTheStart() throws Exception {
        String output = exitsWithStatus1(Map.of("PENDULE_DATA_DIR", PenduleProcess.freshDataDir(NAME + "-bind").toString(),
                "PENDULE_BIND_ADDRESS", "192.0.2.123"));
        assertTrue(output.contains("PENDULE_BIND_ADDRESS 192.0.2.123 is not an address of this machine"), output);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // error pages (L2)

    @Test
    void anUnknownPathAndAnUnknownMethodGetPendulesPage() {
        PlainHttp.Answer unknown = PlainHttp.get(node.root() + "/no/such/page", PlainHttp.bearer(viewerToken));
        assertEquals(404, unknown.status(), unknown.toString());
        assertPendulesPage(unknown, "Not found");
        PlainHttp.Answer method = PlainHttp.send("PUT", node.root() + "/jobs", PlainHttp.bearer(viewerToken), null, null);
        assertEquals(405, method.status(), method.toString());
        assertPendulesPage(method, "Not allowed");
        PlainHttp.Answer api = PlainHttp.get(node.root() + "/v1/no-such-thing", PlainHttp.bearer(viewerToken));
        assertEquals(404, api.status(), api.toString());
        assertTrue(api.header("content-type").startsWith("application/json"), "the API's errors stay JSON: " + api);
    }

    /** A fault of the database under a page (its table gone for a moment), which the page does not expect. */
    @Test
    void anExceptionNothingCaughtGetsPendulesPageWithAReferenceInTheLog() throws Exception {
        PlainHttp.Answer page;
        PlainHttp.Answer api;
        TestDatabases.update(db, "ALTER TABLE job RENAME TO job_away");
        try {
            page = PlainHttp.get(node.root() + "/jobs", PlainHttp.bearer(viewerToken));
            api = PlainHttp.get(node.root() + "/v1/jobs", PlainHttp.bearer(viewerToken));
        } finally {
            TestDatabases.update(db, "ALTER TABLE job_away RENAME TO job");
        }
        assertEquals(500, page.status(), page.toString());
        assertPendulesPage(page, "Something went wrong");
        assertFalse(page.body().contains("relation") || page.body().contains("EclipseLink")
                || page.body().toLowerCase(Locale.ROOT).contains("from job"), "no SQL: " + page.body());
        Matcher reference = Pattern.compile("reference ([0-9a-f]+) in the server log").matcher(page.body());
        assertTrue(reference.find(), page.body());
        String logged = Files.readString(log, StandardCharsets.UTF_8);
        int at = logged.indexOf("reference " + reference.group(1));
        assertTrue(at >= 0 && logged.indexOf("relation \"job\" does not exist", at) > at, "the reference and the fault in the log");
        assertEquals(500, api.status(), api.toString());
        assertTrue(api.body().startsWith("{\"message\":\"internal error, reference "), "the API's ErrorMapper: " + api);
        assertEquals(200, PlainHttp.get(node.root() + "/jobs", PlainHttp.bearer(viewerToken)).status(), "back");
    }

    private static void assertPendulesPage(PlainHttp.Answer answer, String title) {
        assertTrue(answer.header("content-type").startsWith("text/html"), answer.headers().toString());
        assertTrue(answer.body().contains("/static/pendule.css") && answer.body().contains(title), answer.body());
        for (String payara : List.of("Payara", "payara", "Exception", "exception", "java.", "at io.pendule")) {
            assertFalse(answer.body().contains(payara), payara + " in " + answer.body());
        }
        assertEquals("no-store", answer.header("cache-control"), "the error dispatch has the headers too");
        assertNotNull(answer.header("content-security-policy"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Payara's endpoints (L7)

    @Test
    void metricsAndOpenApiTakeTheApisCredentialsAndTheHealthChecksNone() {
        for (String path : List.of("/metrics", "/openapi")) {
            PlainHttp.Answer anonymous = PlainHttp.get(node.root() + path, Map.of());
            assertEquals(401, anonymous.status(), path + ": " + anonymous);
            assertNotNull(anonymous.header("www-authenticate"), path);
            assertFalse(anonymous.body().contains("jvm") || anonymous.body().contains("/v1/jobs"), path + " told " + anonymous);
            PlainHttp.Answer viewer = PlainHttp.get(node.root() + path, PlainHttp.bearer(viewerToken));
            assertEquals(200, viewer.status(), path + ": " + viewer);
            PlainHttp.Answer basic = PlainHttp.get(node.root() + path, PlainHttp.basic("admin", Deployments.ADMIN_PASSWORD));
            assertEquals(200, basic.status(), path + " by Basic: " + basic);
        }
        for (String path : List.of("/health", "/health/live", "/health/ready", "/healthz", "/healthz/live", "/healthz/ready")) {
            assertEquals(200, PlainHttp.get(node.root() + path, Map.of()).status(), path);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // caching, transport, sessions (L4, M7, L3)

    @Test
    void noAnswerButTheStaticFilesMayBeCachedAndHttpsIsKept() {
        Map<String, String> viewer = PlainHttp.bearer(viewerToken);
        for (String path : List.of("/", "/jobs", "/jobs/kept", "/nodes", "/v1/jobs", "/v1/jobs/kept", "/v1/", "/login",
                "/metrics", "/health")) {
            PlainHttp.Answer answer = PlainHttp.get(node.root() + path, path.equals("/login") ? Map.of() : viewer);
            assertEquals(200, answer.status(), path + ": " + answer);
            assertEquals("no-store", answer.header("cache-control"), path);
            assertEquals("max-age=31536000", answer.header("strict-transport-security"), path);
        }
        PlainHttp.Answer style = PlainHttp.get(node.root() + "/static/pendule.css", Map.of());
        assertEquals(200, style.status());
        assertNull(style.header("cache-control"), "a static file may be cached");
    }

    @Test
    void theSessionCookieIsSecureWhenUsersComeByHttps() {
        PlainHttp.Answer login = PlainHttp.get(node.root() + "/login", Map.of());
        String cookie = login.header("set-cookie");
        assertNotNull(cookie, login.headers().toString());
        assertTrue(cookie.toLowerCase(Locale.ROOT).replace(" ", "").contains(";secure"), cookie);
    }

    @Test
    void noSessionIsMadeBeforeSignIn() {
        for (String path : List.of("/", "/jobs", "/nodes", "/no/such/page")) {
            PlainHttp.Answer anonymous = PlainHttp.get(node.root() + path, Map.of());
            assertEquals(302, anonymous.status(), path + ": to the sign-in page");
            assertNull(anonymous.header("set-cookie"), path + " anonymous");
            assertNull(PlainHttp.get(node.root() + path, PlainHttp.bearer(viewerToken)).header("set-cookie"), path + " by token");
        }
        for (String path : List.of("/v1/jobs", "/v1/", "/metrics")) {
            assertNull(PlainHttp.get(node.root() + path, Map.of()).header("set-cookie"), path + " anonymous");
            assertNull(PlainHttp.get(node.root() + path, PlainHttp.bearer(viewerToken)).header("set-cookie"), path + " by token");
        }
    }

    /**
     * A signed-in admin's browser posting, without the form token, to paths Payara routes to the job's delete: the form
     * check decides on the path as routed, so each is refused and the job stays.
     */
    @Test
    void theFormCheckIsNotDodgedByAPathPayaraNormalises() throws Exception {
        String cookie = signedInAdmin();
        for (String path : List.of("/static/..;/jobs/kept/delete", "/static/../jobs/kept/delete", "/jobs;x/kept/delete",
                "/webjars/..;/jobs/kept/delete", "/jobs/kept/delete")) {
            PlainHttp.Answer answer = postRaw(path, cookie);
            // refused by the form check, not found, or sent elsewhere by Payara (301 to "/"): anything but the delete's 303
            assertTrue(List.of(301, 400, 403, 404).contains(answer.status()), path + ": " + answer);
            assertEquals(200, PlainHttp.get(node.root() + "/v1/jobs/kept", PlainHttp.bearer(viewerToken)).status(),
                    path + " deleted the job");
        }
    }

    private static PlainHttp.Answer postRaw(String path, String cookie) {
        return PlainHttp.raw("POST", node.root() + path, "127.0.0.1:" + node.port, Map.of("Cookie", cookie),
                "application/x-www-form-urlencoded", "confirm=yes");
    }

    /** The session cookie of admin, signed in through the form. */
    private static String signedInAdmin() {
        PlainHttp.Answer form = PlainHttp.get(node.root() + "/login", Map.of());
        String first = form.header("set-cookie").split(";")[0];
        Matcher token = FORM_TOKEN.matcher(form.body());
        assertTrue(token.find(), form.body());
        String fields = "username=admin&password=" + java.net.URLEncoder.encode(Deployments.ADMIN_PASSWORD, StandardCharsets.UTF_8)
                + "&next=%2Fjobs&_csrf=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
        PlainHttp.Answer signedIn = PlainHttp.send("POST", node.root() + "/login", Map.of("Cookie", first),
                "application/x-www-form-urlencoded", fields.getBytes(StandardCharsets.UTF_8));
        assertEquals(303, signedIn.status(), signedIn.toString());
        String cookie = signedIn.header("set-cookie").split(";")[0];
        assertEquals(200, PlainHttp.get(node.root() + "/jobs", Map.of("Cookie", cookie)).status(), "signed in");
        return cookie;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Starts the jar with these settings and nothing else of the test JVM's; it must exit 1 within a minute. */
    private static String exitsWithStatus1(Map<String, String> settings) throws Exception {
        Path output = Files.createTempFile(Path.of(System.getProperty("it.tmpdir", "target")), NAME, ".log");
        Map<String, String> env = new HashMap<>(settings);
        env.put("PENDULE_PORT", Integer.toString(PenduleProcess.freePort()));
        env.put("PENDULE_NODE_NAME", NAME + "-refused");
        env.put("PENDULE_DB_URL", db);
        env.put("PENDULE_DB_USER", "postgres");
        ProcessBuilder builder = new ProcessBuilder(PenduleProcess.javaJar())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PENDULE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running: " + Files.readString(output));
            assertEquals(1, process.exitValue(), Files.readString(output));
            return Files.readString(output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.map(Path::toString).toList();
        }
    }

    private static boolean connects(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
