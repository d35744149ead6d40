package io.pendule.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The chaos suite's own PostgreSQL cluster ({@code pg_createcluster <version> chaos -p 5433}), created if missing and
 * reused if present, so its restarts and stops disturb no other test. Needs root (as on the developers' machines and CI).
 */
final class ChaosDatabase {

    static final int PORT = Integer.getInteger("chaos.pg.port", 5433);
    static final String NAME = "pendule_chaos";
    private final String version;

    ChaosDatabase() throws IOException {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString())
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.replaceAll("\\D.*", "")))).orElseThrow();
        }
    }

    /** Creates the cluster if missing, starts it, and makes a fresh database; returns its direct JDBC URL. */
    String startFresh() throws Exception {
        if (!Files.isDirectory(Path.of("/etc/postgresql", version, "chaos"))) {
            run(60, "pg_createcluster", version, "chaos", "-p", Integer.toString(PORT), "--", "--auth=trust");
        }
        ctl("start");
        awaitUp(30);
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + NAME);
        }
        return url(NAME);
    }

    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    void restartFast() throws Exception {
        ctl("restart", "-m", "fast");
    }

    void stopImmediate() throws Exception {
        ctl("stop", "-m", "immediate");
    }

    void start() throws Exception {
        ctl("start");
        awaitUp(30);
    }

    void stop() throws Exception {
        ctl("stop", "-m", "fast");
    }

    private void ctl(String action, String... options) throws Exception {
        String[] args = concat(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "chaos", action), options);
        if (run(90, args) != 0) {
            // older pg_ctlcluster without --skip-systemctl-redirect, or "already running"/"not running"
            run(90, concat(List.of("pg_ctlcluster", version, "chaos", action), options));
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        String[] all = Arrays.copyOf(head.toArray(new String[0]), head.size() + tail.length);
        System.arraycopy(tail, 0, all, head.size(), tail.length);
        return all;
    }

    private static void awaitUp(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 2; i++) {
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "")) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the chaos PostgreSQL cluster on port " + PORT + " did not come up in " + seconds + " s");
    }

    private static int run(int timeoutSeconds, String... command) throws Exception {
        // to a file, not a pipe: the server pg_ctlcluster starts must not hold our pipe open
        Path output = Files.createTempFile("pg_ctl", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String out = Files.readString(output);
        Files.deleteIfExists(output);
        if (!ended) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end in " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            System.out.println("[chaos] " + String.join(" ", command) + " -> " + p.exitValue() + ": " + out.trim());
        }
        return p.exitValue();
    }
}
