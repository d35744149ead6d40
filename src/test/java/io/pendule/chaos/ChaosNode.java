package io.pendule.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real node, {@code java -jar} on a copy of the uber-jar (processes named pendule.jar may be killed on a shared
 * box), small heap and quick JIT so three fit on two cores; its database connections go through its proxy.
 * It can be killed (-9), stopped (SIGSTOP) and continued, and restarted under the same name and port. Every node has
 * the admin API token {@link #ADMIN_TOKEN} (PENDULE_ADMIN_TOKEN, random per run) that the suite's API calls carry; only
 * the health checks are called without it.
 */
final class ChaosNode implements AutoCloseable {

    static final String ADMIN_TOKEN = "chaos_" + random(32);
    private static final String ADMIN_PASSWORD = random(18);

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    final String name;
    final int port;
    private final Path jar;
    private final Path logDir;
    private final Map<String, String> env;
    private Process process;

    private ChaosNode(String name, int port, Path jar, Path logDir, Map<String, String> env) {
        this.name = name;
        this.port = port;
        this.jar = jar;
        this.logDir = logDir;
        this.env = env;
    }

    /** A node not started yet; {@link #start()} boots it. */
    static ChaosNode of(String name, Path jar, Path logDir, String dbUrl, Map<String, String> settings) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(settings);
        int port = freePort();
        env.put("PENDULE_PORT", Integer.toString(port));
        env.put("PENDULE_NODE_NAME", name);
        env.put("PENDULE_DATA_DIR", logDir.resolve(name + "-" + port).toString());
        env.put("PENDULE_DB_URL", dbUrl);
        env.put("PENDULE_DB_USER", "postgres");
        env.put("PENDULE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("PENDULE_ADMIN_TOKEN", ADMIN_TOKEN);
        return new ChaosNode(name, port, jar, logDir, env);
    }

    /** The value of an Authorization header that calls the API as an admin. */
    static String authorization() {
        return "Bearer " + ADMIN_TOKEN;
    }

    /** Starts the process; {@link #awaitReady()} waits for its API. */
    ChaosNode start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + logDir, "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + "-" + port + ".log").toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("PENDULE_"));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /**
     * Waits until its API answers (not its readiness: a second process with a node's name serves its API but is never
     * ready).
     */
    ChaosNode awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + ", see its log in " + logDir);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(root() + "/v1/")).header("Authorization", authorization())
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // booting
            }
            Thread.sleep(500);
        }
        kill9();
        throw new IllegalStateException("node " + name + " not ready after " + BOOT_TIMEOUT);
    }

    /** Its readiness, MicroProfile Health's answer at /health/ready (open without credentials): status code and body. */
    HttpResponse<String> readiness() throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create(root() + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String root() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    void pause() throws Exception {
        signal("-STOP");
    }

    void resume() throws Exception {
        signal("-CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + pid() + " failed");
        }
    }

    /** SIGTERM (after a SIGCONT, should it be stopped), then -9 if it has not stopped within 30 s. */
    @Override
    public void close() throws Exception {
        if (!alive()) {
            return;
        }
        resume();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill9();
        }
    }

    private static String random(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
