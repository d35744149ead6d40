package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Pendule node: a separate JVM running the uber jar, with the driver's environment, PENDULE_ADMIN_TOKEN among it
 * (run.sh exports it): the admin API token every call to the node carries.
 */
final class Node {
    private static final String TOKEN = System.getenv("PENDULE_ADMIN_TOKEN");
    final String name;
    final int port;
    final Process process;
    final long startNanos;
    long bootMs = -1;

    private Node(String name, int port, Process process, long startNanos) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startNanos = startNanos;
    }

    static Node start(String java, String jar, String heap, List<String> jvmOpts, String dbUrl, String name, int port, Path workdir)
            throws IOException {
        Path data = workdir.resolve(name + "-data");
        Files.createDirectories(data);
        // Pendule refuses a data directory other accounts can read (it holds the secret store's key)
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap));
        cmd.addAll(jvmOpts);
        cmd.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("PENDULE_DB_URL", dbUrl);
        env.put("PENDULE_DB_USER", "postgres");
        env.put("PENDULE_PORT", Integer.toString(port));
        env.put("PENDULE_NODE_NAME", name);
        env.put("PENDULE_DATA_DIR", data.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(workdir.resolve(name + ".log").toFile()));
        pb.directory(workdir.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        Node node = new Node(name, port, p, t0);
        Bench.registerChild(p.pid());
        return node;
    }

    /** The value of an Authorization header that calls a node's API as an admin. */
    static String authorization() {
        if (TOKEN == null || TOKEN.isBlank()) {
            throw new IllegalStateException("PENDULE_ADMIN_TOKEN is not set: the nodes refuse calls without credentials"
                    + " (run.sh sets it)");
        }
        return "Bearer " + TOKEN;
    }

    long pid() {
        return process.pid();
    }

    String base() {
        return "http://127.0.0.1:" + port + "/v1/";
    }

    /** Polls GET /v1/ until it answers 200; records the time from process start. */
    void awaitReady(HttpClient http, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base())).header("Authorization", authorization())
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + " (see its log)");
            }
            try {
                HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    bootMs = (System.nanoTime() - startNanos) / 1_000_000;
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("node " + name + " not ready after " + timeoutMs + " ms");
    }

    long cpuTicks() {
        return Proc.cpuTicks(pid());
    }

    long rssMb() {
        return Proc.rssMb(pid());
    }

    /** SIGTERM, then SIGKILL after the grace period. */
    void stop(long graceMs) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
            System.err.println("WARN: node " + name + " did not stop in " + graceMs + " ms, killing it");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
