package io.pendule.chaos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The chaos suite: three real nodes on their own PostgreSQL cluster, each behind a fault proxy, run a job mix
 * through phases of faults (kill -9, SIGSTOP in a claim, connection resets, an ambiguous commit, a blackhole,
 * PostgreSQL restarted and stopped, a second process with a node's name), then a quiet phase; the oracle then judges
 * every invariant per phase from the database and the receiver's calls, writes target/chaos/report.md, and fails on
 * any breach. Run by {@code mvn verify -Pchaos}; {@code -Dchaos.phases=baseline,kill} runs only those phases
 * (names: {@value #ALL_PHASES}). See docs/reliability.md.
 */
@EnabledIfSystemProperty(named = "chaos", matches = "true")
class ChaosIT {

    static final String ALL_PHASES = "baseline,kill,stop,resets,blackhole,postgres,same-name,quiet";
    private static final Path DIR = Path.of(System.getProperty("chaos.dir", "target/chaos"));

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static ChaosDatabase database;
    private final List<ChaosNode> nodes = new ArrayList<>();
    private final List<FaultProxy> proxies = new ArrayList<>();
    private final List<String> twinsLetIn = new ArrayList<>();
    private String directUrl;

    @Test
    void everyInvariantHoldsThroughEveryFault() throws Exception {
        List<String> phases = Arrays.asList(System.getProperty("chaos.phases", ALL_PHASES).split(","));
        Files.createDirectories(DIR);
        Path jar = DIR.resolve("chaos-node.jar");
        Files.copy(Path.of(System.getProperty("pendule.jar", "target/pendule.jar")), jar, StandardCopyOption.REPLACE_EXISTING);
        database = new ChaosDatabase();
        directUrl = database.startFresh();
        Receiver receiver = opened(new Receiver());
        for (int i = 1; i <= 3; i++) {
            FaultProxy proxy = opened(new FaultProxy(ChaosDatabase.PORT));
            proxies.add(proxy);
            Map<String, String> settings = i == 3 ? Map.of("PENDULE_WORKER_CAPACITY", "50") : Map.of();
            nodes.add(opened(ChaosNode.of("n" + i, jar, DIR, viaProxy(proxy), settings)));
        }
        nodes.get(0).start().awaitReady(); // alone first: it migrates the schema
        nodes.get(1).start();
        nodes.get(2).start();
        nodes.get(1).awaitReady();
        nodes.get(2).awaitReady();
        Instant from = Instant.now().plusSeconds(15);
        new ChaosJobs(nodes.get(0).root(), receiver).create(from, from.plus(plannedLength(phases)));
        sleepUntil(from);

        Map<Phase, Oracle.Figures> figures = new LinkedHashMap<>();
        List<Phase> run = new ArrayList<>();
        for (String name : phases) {
            Phase phase = new Phase(name);
            System.out.println("[chaos] phase " + name + " at " + phase.start);
            run(phase);
            phase.end = Instant.now();
            phase.stuckAtEnd = Oracle.stuck(directUrl);
            run.add(phase);
        }
        Instant checkedAt = Instant.now();
        Oracle oracle = new Oracle(Oracle.read(directUrl), receiver.calls(), checkedAt);
        run.forEach(phase -> figures.put(phase, oracle.judge(phase)));
        List<String> breaches = Report.write(DIR.resolve("report.md"), "# Chaos run " + checkedAt + ", phases "
                + String.join(",", phases), figures);
        breaches = new ArrayList<>(breaches);
        breaches.addAll(twinsLetIn);
        if (!breaches.isEmpty()) {
            fail(breaches.size() + " invariant(s) broken (table in " + DIR.resolve("report.md") + ", node logs in " + DIR
                    + "):\n" + String.join("\n", breaches));
        }
    }

    private void run(Phase phase) throws Exception {
        switch (phase.name) {
            case "baseline", "quiet" -> Thread.sleep(phase.name.equals("quiet") ? 45_000 : 30_000);
            case "kill" -> kill(phase);
            case "stop" -> stopInClaim(phase);
            case "resets" -> resets(phase);
            case "blackhole" -> blackhole(phase);
            case "postgres" -> postgres(phase);
            case "same-name" -> sameName(phase);
            default -> throw new IllegalArgumentException("no phase " + phase.name + "; phases: " + ALL_PHASES);
        }
    }

    /** kill -9 n1 and restart it 5 s later; kill -9 n2 30 s in, restart it 15 s later. */
    private void kill(Phase phase) throws Exception {
        nodes.get(0).kill9();
        phase.nodeLost("kill -9 n1");
        Thread.sleep(5_000);
        nodes.get(0).start().awaitReady();
        phase.note("n1 killed and back");
        sleepUntil(phase.start.plusSeconds(30));
        nodes.get(1).kill9();
        phase.nodeLost("kill -9 n2");
        Thread.sleep(15_000);
        nodes.get(1).start().awaitReady();
        sleepUntil(phase.start.plusSeconds(60));
    }

    /** SIGSTOP n3 while it holds a claim transaction (idle in transaction after a SKIP LOCKED), for 45 s > lease + grace. */
    private void stopInClaim(Phase phase) throws Exception {
        boolean inClaim = awaitIdleInClaim("pendule n3", Duration.ofSeconds(15));
        nodes.get(2).pause();
        phase.nodeFrozen("SIGSTOP n3");
        phase.note(inClaim ? "n3 stopped inside its claim transaction" : "n3 stopped (its claim transaction not caught in 15 s)");
        try {
            Thread.sleep(45_000);
        } finally {
            nodes.get(2).resume();
        }
        Thread.sleep(15_000);
    }

    /** n1's connections reset three times, 8 s apart; then one claim's COMMIT is forwarded and its answer cut. */
    private void resets(Phase phase) throws Exception {
        for (int i = 0; i < 3; i++) {
            proxies.get(0).resetAll();
            Thread.sleep(8_000);
        }
        proxies.get(0).cutAfterNextClaimCommit();
        Instant deadline = Instant.now().plusSeconds(15);
        while (!proxies.get(0).cutDone() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        phase.note(proxies.get(0).cutDone() ? "a claim's commit cut before its answer" : "no claim commit seen to cut in 15 s");
        Thread.sleep(12_000);
    }

    /** n2's database traffic blackholed for 40 s, then passed again. */
    private void blackhole(Phase phase) throws Exception {
        proxies.get(1).blackhole();
        phase.nodeFrozen("blackhole n2");
        try {
            Thread.sleep(40_000);
        } finally {
            proxies.get(1).pass();
        }
        phase.databaseBack("n2's route back");
        Thread.sleep(15_000);
    }

    /** PostgreSQL restarted (fast), then 15 s later stopped (immediate) for 40 s and started. */
    private void postgres(Phase phase) throws Exception {
        database.restartFast();
        phase.databaseBack("PostgreSQL fast restart");
        Thread.sleep(15_000);
        database.stopImmediate();
        try {
            Thread.sleep(40_000);
        } finally {
            database.start();
        }
        phase.databaseBack("PostgreSQL start after 40 s down");
        Thread.sleep(25_000);
    }

    /** A second process named n1 starts (through n3's proxy) and runs for 30 s beside the first. */
    private void sameName(Phase phase) throws Exception {
        ChaosNode twin = opened(ChaosNode.of("n1", DIR.resolve("chaos-node.jar"), DIR, viaProxy(proxies.get(2)), Map.of()));
        try {
            twin.start().awaitReady();
            Thread.sleep(5_000); // it registers, heartbeats and knows whether its name is its own
            HttpResponse<String> ready = twin.readiness();
            if (ready.statusCode() == 503 && ready.body().contains("refused")) {
                phase.note("a second n1 was refused: it serves its API, is not ready and claims nothing");
            } else {
                phase.note("a second n1 was LET IN (/health/ready " + ready.statusCode() + ")");
                twinsLetIn.add("same-name: a second process named n1 was let in beside the live one: /health/ready answered "
                        + ready.statusCode() + " " + ready.body());
            }
            Thread.sleep(25_000);
        } catch (IllegalStateException refused) {
            phase.note("a second n1 was refused: " + refused.getMessage());
            Thread.sleep(10_000);
        } finally {
            twin.close();
        }
    }

    private boolean awaitIdleInClaim(String applicationName, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        try (Connection c = DriverManager.getConnection(directUrl, "postgres", ""); Statement s = c.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + applicationName
                        + "' AND state = 'idle in transaction' AND query ILIKE '%SKIP LOCKED%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(5);
            }
        }
        return false;
    }

    private static Duration plannedLength(List<String> phases) {
        Map<String, Integer> seconds = Map.of("baseline", 30, "kill", 75, "stop", 80, "resets", 65, "blackhole", 60,
                "postgres", 90, "same-name", 60, "quiet", 45);
        return Duration.ofSeconds(phases.stream().mapToInt(p -> seconds.getOrDefault(p, 60)).sum() + 30);
    }

    private static String viaProxy(FaultProxy proxy) {
        // every statement's text crosses the proxy (no server-side prepared statements), so it can find a claim's COMMIT
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + ChaosDatabase.NAME + "?prepareThreshold=0";
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static <T extends AutoCloseable> T opened(T resource) {
        OPEN.add(resource);
        return resource;
    }

    /** Every node killed (stopped ones continued first), proxies and receiver closed, the chaos cluster stopped. */
    @AfterAll
    static void tearDown() throws Exception {
        for (AutoCloseable resource : OPEN) {
            try {
                if (resource instanceof ChaosNode node) {
                    if (node.alive()) {
                        node.resume();
                    }
                    node.kill9();
                } else {
                    resource.close();
                }
            } catch (Exception e) {
                System.out.println("[chaos] closing " + resource + ": " + e);
            }
        }
        OPEN.clear();
        if (database != null) {
            database.stop();
        }
    }
}
