package io.pendule.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Pendule node: `java -jar target/pendule.jar` with settings in its environment, as a user starts it, with the
 * deployments' admin password and token (PENDULE_ADMIN_PASSWORD, PENDULE_ADMIN_TOKEN) unless the settings give others.
 */
final class PenduleProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    /**
     * The java command of every node the tests start: the client compiler alone, because a test node lives for
     * seconds to minutes and the optimising compiler's threads cost more boot time on two cores than they win back.
     */
    static final List<String> JAVA = List.of("java", "-Xmx512m", "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + System.getProperty("it.tmpdir", System.getProperty("java.io.tmpdir")));

    private final Process process;
    final int port;
    final String name;
    /** The admin token the node was given; empty: none. */
    private final String adminToken;

    private PenduleProcess(Process process, int port, String name, String adminToken) {
        this.process = process;
        this.port = port;
        this.name = name;
        this.adminToken = adminToken;
    }

    /**
     * A new, empty data folder for a node, under the tests' temporary folder: mode 0700, as Pendule requires of a data
     * folder that exists (platform.DataDir).
     */
    static Path freshDataDir(String prefix) throws IOException {
        return java.nio.file.Files.createTempDirectory(Path.of(System.getProperty("it.tmpdir", "target")), prefix);
    }

    /** Starts a node and waits until its API answers. {@code db} is a PostgreSQL URL, or null for the embedded one. */
    static PenduleProcess start(String name, String db, Path dataDir) throws Exception {
        return start(name, db, dataDir, Map.of());
    }

    /**
     * As {@link #start(String, String, Path)}, with more settings in its environment ({@code PENDULE_…}); a free port
     * unless they give PENDULE_PORT.
     */
    static PenduleProcess start(String name, String db, Path dataDir, Map<String, String> settings) throws Exception {
        return start(name, db, dataDir, settings, dataDir.resolve(name + ".log"));
    }

    /** As {@link #start(String, String, Path, Map)}, its output in {@code log}: the data dir need not exist yet. */
    static PenduleProcess start(String name, String db, Path dataDir, Map<String, String> settings, Path log) throws Exception {
        int port = settings.containsKey("PENDULE_PORT") ? Integer.parseInt(settings.get("PENDULE_PORT")) : freePort();
        Map<String, String> env = new HashMap<>();
        env.put("PENDULE_ADMIN_PASSWORD", Deployments.ADMIN_PASSWORD);
        env.put("PENDULE_ADMIN_TOKEN", Deployments.ADMIN_TOKEN);
        env.putAll(settings);
        env.put("PENDULE_PORT", Integer.toString(port));
        env.put("PENDULE_NODE_NAME", name);
        env.put("PENDULE_DATA_DIR", dataDir.toString());
        if (db != null) {
            env.put("PENDULE_DB_URL", db);
            env.put("PENDULE_DB_USER", "postgres");
        }
        ProcessBuilder builder = new ProcessBuilder(javaJar())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("PENDULE_DB_URL");
        builder.environment().putAll(env);
        PenduleProcess node = new PenduleProcess(builder.start(), port, name, env.get("PENDULE_ADMIN_TOKEN").trim());
        // a node without the api role answers only its health
        boolean api = Arrays.stream(env.getOrDefault("PENDULE_ROLES", "api").split(",")).map(String::trim).anyMatch("api"::equals);
        node.awaitReady(api ? "/v1/" : "/health");
        return node;
    }

    /** {@link #JAVA} -jar target/pendule.jar */
    static List<String> javaJar() {
        List<String> command = new ArrayList<>(JAVA);
        command.addAll(List.of("-jar", System.getProperty("pendule.jar", "target/pendule.jar")));
        return command;
    }

    /** The node's API, called with the admin token it was given. */
    Api api() {
        Api api = new Api(root() + "/v1");
        return adminToken.isEmpty() ? api.withoutCredentials() : api.withToken(adminToken);
    }

    /** The node's address, for its pages and its health: http://127.0.0.1:port. */
    String root() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(String path) throws Exception {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + path)).timeout(Duration.ofSeconds(2));
            if (!adminToken.isEmpty()) {
                request.header("Authorization", "Bearer " + adminToken);
            }
            try {
                HttpResponse<Void> answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = "status " + answer.statusCode();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("node " + name + " not ready after " + BOOT_TIMEOUT + ", last answer: " + last);
    }

    /** Kills the node as a crash would (SIGKILL): nothing of it runs any more, no shutdown hook. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Stops the node as an orchestrator would (SIGTERM); returns how long it took to exit, at most {@code patience}. */
    Duration stop(Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Stops the node as an operator would (SIGTERM), killing it if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
