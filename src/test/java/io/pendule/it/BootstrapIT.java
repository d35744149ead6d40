package io.pendule.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first admin, on real nodes started as a user starts them ({@code java -jar target/pendule.jar}) with nothing but
 * the settings each test gives (none of the test JVM's PENDULE_ variables): a first start without
 * PENDULE_ADMIN_PASSWORD generates a password, shows it once in the log and writes it to the data dir readable by its
 * owner only; a restart does not make another; PENDULE_ADMIN_PASSWORD sets the password at every start; an admin
 * anonymous role stops the process with an error status; two nodes starting together on one database make one admin.
 */
class BootstrapIT {

    private static final String BANNER = "Pendule made the first user: admin";
    private static final Duration BOOT = Duration.ofSeconds(240);

    @Test
    void aFirstStartWithoutAPasswordMakesOneShownOnceAndKeptInA0600File() throws Exception {
        Path dataDir = PenduleProcess.freshDataDir("bootstrap-generated");
        String password;
        try (Node node = Node.start("bootstrap-generated", null, dataDir, Map.of(), "first.log")) {
            node.awaitReady();
            assertEquals(1, node.banners(), "the banner once: " + node.log());
            Path file = dataDir.resolve("initial-admin-password");
            assertTrue(Files.exists(file), "the password is kept in " + file);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            password = Files.readString(file).trim();
            assertEquals(20, password.length(), password);
            assertEquals(1, count(node.log(), password), "the log shows the password once");
            assertEquals(200, node.status("/v1/jobs", PlainHttp.basic("admin", password)), "the password works with HTTP Basic");
            assertEquals(401, node.status("/v1/jobs", PlainHttp.basic("admin", password + "x")));
            assertEquals(401, node.status("/v1/jobs", Map.of()), "and nothing works without it");
        }
        try (Node node = Node.start("bootstrap-generated", null, dataDir, Map.of(), "second.log")) {
            node.awaitReady();
            assertEquals(0, node.banners(), "a restart makes no other password: " + node.log());
            assertEquals(password, Files.readString(dataDir.resolve("initial-admin-password")).trim());
            assertEquals(200, node.status("/v1/jobs", PlainHttp.basic("admin", password)), "the first password still works");
        }
    }

    @Test
    void pendulesAdminPasswordIsTheAdminsAtEveryStart() throws Exception {
        Path dataDir = PenduleProcess.freshDataDir("bootstrap-set");
        try (Node node = Node.start("bootstrap-set", null, dataDir, Map.of("PENDULE_ADMIN_PASSWORD", "the first password"), "first.log")) {
            node.awaitReady();
            assertEquals(0, node.banners(), node.log());
            assertFalse(Files.exists(dataDir.resolve("initial-admin-password")), "no generated password");
            assertEquals(200, node.status("/v1/jobs", PlainHttp.basic("admin", "the first password")));
        }
        try (Node node = Node.start("bootstrap-set", null, dataDir, Map.of("PENDULE_ADMIN_PASSWORD", "another password"), "second.log")) {
            node.awaitReady();
            assertEquals(200, node.status("/v1/jobs", PlainHttp.basic("admin", "another password")), "reset at start");
            assertEquals(401, node.status("/v1/jobs", PlainHttp.basic("admin", "the first password")), "the old one is gone");
            assertEquals(0, node.banners(), node.log());
        }
    }

    @Test
    void anAdminAnonymousRoleStopsTheNodeWithAnErrorStatus() throws Exception {
        Path dataDir = PenduleProcess.freshDataDir("bootstrap-anonymous-admin");
        try (Node node = Node.start("bootstrap-anonymous-admin", null, dataDir, Map.of("PENDULE_ANONYMOUS_ROLE", "admin"), "node.log")) {
            assertTrue(node.process.waitFor(BOOT.toSeconds(), TimeUnit.SECONDS), "the process exits: " + node.log());
            assertNotEquals(0, node.process.exitValue(), "with an error status: " + node.log());
            assertTrue(node.log().contains("PENDULE_ANONYMOUS_ROLE=admin is refused"), "the log says why: " + node.log());
            assertTrue(node.log().contains("Pendule did not start"), "and that the node stops: " + node.log());
            assertFalse(node.log().contains(BANNER), "no admin was made either");
        }
    }

    /** Both nodes find no user and race to insert the admin: one wins, shows the banner and writes the file. */
    @Test
    void twoNodesStartingTogetherOnOneDatabaseMakeOneAdmin() throws Exception {
        String db = TestDatabases.freshPostgres("pendule_it_bootstrap_pair");
        Path dirA = PenduleProcess.freshDataDir("bootstrap-pair-a");
        Path dirB = PenduleProcess.freshDataDir("bootstrap-pair-b");
        try (Node a = Node.start("bootstrap-pair-a", db, dirA, Map.of(), "node.log");
             Node b = Node.start("bootstrap-pair-b", db, dirB, Map.of(), "node.log")) {
            a.awaitReady();
            b.awaitReady();
            assertEquals(1, a.banners() + b.banners(), "one banner in all: " + a.banners() + " and " + b.banners());
            Path file = (a.banners() == 1 ? dirA : dirB).resolve("initial-admin-password");
            assertFalse(Files.exists((a.banners() == 1 ? dirB : dirA).resolve("initial-admin-password")), "one file");
            String password = Files.readString(file).trim();
            assertEquals(200, a.status("/v1/jobs", PlainHttp.basic("admin", password)));
            assertEquals(200, b.status("/v1/jobs", PlainHttp.basic("admin", password)));
            assertEquals(List.of("admin"), TestDatabases.query(db, "SELECT name FROM app_user", rs -> rs.getString(1)));
        }
    }

    private static int count(String text, String part) {
        Matcher found = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (found.find()) {
            n++;
        }
        return n;
    }

    /** A node started with exactly the given settings, its output in {@code log} under its data dir. */
    static final class Node implements AutoCloseable {

        final Process process;
        final int port;
        final Path log;

        private Node(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Node start(String name, String db, Path dataDir, Map<String, String> settings, String logName) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Map<String, String> env = new HashMap<>(settings);
            env.put("PENDULE_PORT", Integer.toString(port));
            env.put("PENDULE_NODE_NAME", name);
            env.put("PENDULE_DATA_DIR", dataDir.toString());
            if (db != null) {
                env.put("PENDULE_DB_URL", db);
                env.put("PENDULE_DB_USER", "postgres");
            }
            Path log = dataDir.resolve(logName);
            ProcessBuilder builder = new ProcessBuilder(PenduleProcess.javaJar())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("PENDULE_"));
            builder.environment().putAll(env);
            return new Node(builder.start(), port, log);
        }

        /** Waits until the node is ready (its /health/ready answers 200). */
        void awaitReady() throws Exception {
            Instant deadline = Instant.now().plus(BOOT);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("the node exited with " + process.exitValue() + ": " + log());
                }
                if (status("/health/ready", Map.of()) == 200) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("not ready after " + BOOT + ": " + log());
        }

        /** The status of a GET with these headers; -1 when nothing answers. */
        int status(String path, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            try {
                return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                        .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        String log() throws IOException {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        }

        int banners() throws IOException {
            return count(log(), BANNER);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
