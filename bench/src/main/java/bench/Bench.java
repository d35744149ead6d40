package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pendule benchmark. For each workload: fresh database, two Pendule nodes (separate JVMs) started one after the
 * other (boot time measured), the workload driven through Pendule's REST API with http jobs calling an in-process
 * receiver, then the nodes stopped and one summary line printed (same key=value style as ../shared/bench-peers).
 *
 * W1 burst: --n one-shot "@at T" jobs all due at T. W2 steady: --sizes N jobs "@every 1s", measured over
 * --duration seconds. W3 mixed periods on one node: --w3Jobs jobs "@every Ks", K from 1 to 10 s, all concurrency
 * forbid, measured over --duration seconds by the intervals between each job's calls. C creation: --n jobs through POST /v1/jobs by --clients clients, --n more in one /v1/restore,
 * then --curlJobs jobs posted by one curl process each (the Dkron users' restore script), next to as many curl GETs.
 */
public final class Bench {

    static final ConcurrentLinkedQueue<Long> CHILDREN = new ConcurrentLinkedQueue<>();
    static Path pidFile;

    private final Map<String, String> opt;
    private final String java;
    private final String jar;
    private final String heap;
    private final List<String> nodeOpts;
    private final String db;
    private final String adminUrl;
    private final String dbUrl;
    private final Path workdir;
    private final int[] ports;
    private final int receiverPort;
    private final boolean jfr;
    private final double quietPct;
    private final HttpClient http;
    private Receiver receiver;

    private Bench(Map<String, String> opt) {
        this.opt = opt;
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.jar = Path.of(opt.getOrDefault("jar", "target/pendule.jar")).toAbsolutePath().toString();
        this.heap = opt.getOrDefault("heap", "1g");
        String extra = opt.getOrDefault("nodeOpts", "").trim();
        this.nodeOpts = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
        this.db = opt.getOrDefault("db", "pendule_bench");
        this.adminUrl = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        this.dbUrl = "jdbc:postgresql://127.0.0.1:5432/" + db;
        this.workdir = Path.of(opt.getOrDefault("workdir", "/tmp/pendule-bench"));
        this.ports = Arrays.stream(opt.getOrDefault("ports", "18081,18082").split(",")).mapToInt(Integer::parseInt).toArray();
        this.receiverPort = Integer.parseInt(opt.getOrDefault("receiverPort", "19999"));
        this.jfr = opt.getOrDefault("jfr", "0").equals("1");
        this.quietPct = Double.parseDouble(opt.getOrDefault("quietPct", "25"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "api-client");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (opt.containsKey("pidfile")) {
            pidFile = Path.of(opt.get("pidfile"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (long pid : CHILDREN) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }));
        Bench b = new Bench(opt);
        Files.createDirectories(b.workdir);
        List<String> lines = new ArrayList<>();
        try (Receiver r = new Receiver(b.receiverPort, Integer.parseInt(opt.getOrDefault("receiverThreads", "32")))) {
            b.receiver = r;
            for (String w : opt.getOrDefault("workloads", "W1,W2").split(",")) {
                if (w.equals("W1")) {
                    lines.add(b.safe("W1", () -> b.runW1(Integer.parseInt(opt.getOrDefault("n", "10000")))));
                } else if (w.equals("W2")) {
                    for (String size : opt.getOrDefault("sizes", "1000,2000,5000").split(",")) {
                        int n = Integer.parseInt(size.trim());
                        lines.add(b.safe("W2 jobs=" + n, () -> b.runW2(n, Integer.parseInt(opt.getOrDefault("duration", "60")))));
                    }
                } else if (w.equals("W3")) {
                    lines.add(b.safe("W3", () -> b.runW3(Integer.parseInt(opt.getOrDefault("w3Jobs", "3000")),
                            Integer.parseInt(opt.getOrDefault("duration", "60")))));
                } else if (w.equals("C")) {
                    lines.add(b.safe("C", () -> b.runCreation(Integer.parseInt(opt.getOrDefault("n", "10000")),
                            Integer.parseInt(opt.getOrDefault("curlJobs", "300")))));
                }
            }
        }
        if (opt.containsKey("results")) {
            Files.writeString(Path.of(opt.get("results")), String.join("\n", lines) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    interface Run {
        String go() throws Exception;
    }

    private String safe(String what, Run run) {
        String line;
        try {
            line = run.go();
        } catch (Exception e) {
            e.printStackTrace();
            line = "pendule " + what + " FAILED: " + e;
        }
        System.out.println(line);
        System.out.flush();
        return line;
    }

    static void registerChild(long pid) {
        CHILDREN.add(pid);
        if (pidFile != null) {
            try {
                Files.writeString(pidFile, pid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the shutdown hook still has it
            }
        }
    }

    static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    static void log(String fmt, Object... args) {
        System.err.printf("[%s] %s%n", Instant.now(), String.format(fmt, args));
    }

    // ---------------------------------------------------------------------------------------------- cluster

    private void freshDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + db);
        }
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(dbUrl + "?user=postgres");
    }

    /** Fresh database, then the nodes started one after the other (each boot measured alone). */
    private List<Node> startCluster(String tag) throws Exception {
        return startCluster(tag, ports.length);
    }

    private List<Node> startCluster(String tag, int count) throws Exception {
        waitForQuietMachine();
        freshDatabase();
        return startNodes(tag, count);
    }

    /** The nodes, on the database as it is. */
    private List<Node> startNodes(String tag, int count) throws Exception {
        Path dir = workdir.resolve(tag);
        Files.createDirectories(dir);
        List<Node> nodes = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Node n = Node.start(java, jar, heap, nodeOpts, dbUrl, "bench-n" + (k + 1), ports[k], dir);
            nodes.add(n);
            n.awaitReady(http, 120_000);
            log("%s ready in %d ms (pid %d)", n.name, n.bootMs, n.pid());
        }
        return nodes;
    }

    private static void stopCluster(List<Node> nodes) throws InterruptedException {
        for (Node n : nodes) {
            n.stop(30_000);
        }
    }

    private void waitForQuietMachine() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            long[] a = Proc.machineTicks();
            Thread.sleep(1000);
            long[] b = Proc.machineTicks();
            double pct = 100.0 * (b[0] - a[0]) / Math.max(1, b[1] - a[1]);
            if (pct <= quietPct) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                log("WARN: machine still busy (%.0f%% CPU), running anyway", pct);
                return;
            }
            log("machine busy (%.0f%% CPU), waiting", pct);
            Thread.sleep(2000);
        }
    }

    // ---------------------------------------------------------------------------------------------- API

    private static String jobJson(String name, String schedule, String url) {
        return jobJson(name, schedule, url, "allow");
    }

    private static String jobJson(String name, String schedule, String url, String concurrency) {
        return "{\"name\":\"" + name + "\",\"schedule\":\"" + schedule + "\",\"concurrency\":\"" + concurrency + "\","
                + "\"executor\":\"http\",\"executor_config\":{\"method\":\"GET\",\"url\":\"" + url + "\",\"timeout\":\"10\"}}";
    }

    /** Creates jobs prefix-from..prefix-(to-1) with a few parallel clients, spread over the nodes; returns ms taken. */
    private long createJobs(List<Node> nodes, String prefix, int from, int to, String schedule) throws Exception {
        return createJobs(nodes, prefix, from, to, i -> schedule, "allow");
    }

    private long createJobs(List<Node> nodes, String prefix, int from, int to, java.util.function.IntFunction<String> schedule,
                            String concurrency) throws Exception {
        int clients = Integer.parseInt(opt.getOrDefault("clients", "8"));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong failures = new AtomicLong();
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            fs.add(pool.submit(() -> {
                for (int i = from + client; i < to; i += clients) {
                    String name = prefix + "-" + i;
                    Node node = nodes.get(i % nodes.size());
                    String body = jobJson(name, schedule.apply(i), "http://127.0.0.1:" + receiverPort + "/hit?job=" + name, concurrency);
                    HttpRequest req = HttpRequest.newBuilder(URI.create(node.base() + "jobs"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Authorization", Node.authorization())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    for (int attempt = 1; ; attempt++) {
                        try {
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() / 100 == 2) {
                                break;
                            }
                            if (attempt >= 3) {
                                failures.incrementAndGet();
                                log("create %s: HTTP %d %s", name, r.statusCode(), r.body());
                                break;
                            }
                        } catch (Exception e) {
                            if (attempt >= 3) {
                                failures.incrementAndGet();
                                log("create %s: %s", name, e);
                                break;
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " jobs could not be created");
        }
        return ms;
    }

    private void analyze() throws SQLException {
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    /** commits+rollbacks, row writes for the bench database */
    private long[] pgStats() throws SQLException {
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT xact_commit + xact_rollback, tup_inserted + tup_updated + tup_deleted "
                    + "FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private void startJfr(List<Node> nodes, String tag) {
        if (!jfr) {
            return;
        }
        for (Node n : nodes) {
            Path f = workdir.resolve(tag).resolve(n.name + ".jfr");
            try {
                Process p = new ProcessBuilder("jcmd", Long.toString(n.pid()), "JFR.start", "duration=30s",
                        "filename=" + f).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                registerChild(p.pid());
                log("JFR recording of %s to %s", n.name, f);
            } catch (IOException e) {
                log("JFR not started: %s", e);
            }
        }
    }

    /** A sampler of pg_stat_activity (1/s): what the bench database's backends are doing, counted. */
    private final class ActivitySampler implements AutoCloseable {
        private final Map<String, Integer> counts = new TreeMap<>();
        private volatile boolean on = true;
        private final Thread t;
        private int samples;

        ActivitySampler() {
            t = new Thread(() -> {
                try (Connection c = db(); Statement st = c.createStatement()) {
                    while (on) {
                        try (ResultSet rs = st.executeQuery("SELECT state, coalesce(wait_event_type,'-') || ':' || coalesce(wait_event,'-'), "
                                + "left(regexp_replace(query, '\\s+', ' ', 'g'), 50) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                            samples++;
                            while (rs.next()) {
                                if ("idle".equals(rs.getString(1))) {
                                    continue;
                                }
                                counts.merge(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), 1, Integer::sum);
                            }
                        }
                        Thread.sleep(1000);
                    }
                } catch (Exception e) {
                    // sampling is best effort
                }
            }, "pg-activity");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws InterruptedException {
            on = false;
            t.join(3000);
            log("pg_stat_activity, non-idle backends over %d samples (state wait query: count):", samples);
            counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                    .forEach(e -> System.err.println("    " + e.getKey() + ": " + e.getValue()));
        }
    }

    /** CPU snapshot: machine, both nodes, all postgres processes, this driver (incl. the receiver). */
    private static final class Cpu {
        final long busy;
        final long total;
        final long nodes;
        final long pg;
        final double selfMs;

        Cpu(List<Node> ns) {
            long[] m = Proc.machineTicks();
            busy = m[0];
            total = m[1];
            long s = 0;
            for (Node n : ns) {
                s += Math.max(0, n.cpuTicks());
            }
            nodes = s;
            pg = Proc.pgTicks();
            selfMs = Proc.selfCpuMs();
        }

        static String report(Cpu a, Cpu b, long execs) {
            double dt = b.total - a.total; // ticks over all cores
            double nodeMs = (b.nodes - a.nodes) * Proc.MS_PER_TICK;
            double pgMs = (b.pg - a.pg) * Proc.MS_PER_TICK;
            double selfMs = b.selfMs - a.selfMs;
            double util = 100.0 * (b.busy - a.busy) / dt;
            double nodePct = 100.0 * (b.nodes - a.nodes) / dt;
            double pgPct = 100.0 * (b.pg - a.pg) / dt;
            double selfPct = 100.0 * (selfMs / Proc.MS_PER_TICK) / dt;
            double foreign = Math.max(0, util - nodePct - pgPct - selfPct);
            return String.format("cpu_util_pct=%.0f cpu_pendule_pct=%.0f cpu_pg_pct=%.0f cpu_driver_pct=%.0f cpu_foreign_pct=%.0f "
                            + "jvm_cpu_ms_per_exec=%.3f pg_cpu_ms_per_exec=%.3f",
                    util, nodePct, pgPct, selfPct, foreign, nodeMs / Math.max(1, execs), pgMs / Math.max(1, execs));
        }

        double foreignPct(Cpu b) {
            double dt = b.total - total;
            double util = 100.0 * (b.busy - busy) / dt;
            double used = 100.0 * ((b.nodes - nodes) + (b.pg - pg) + (b.selfMs - selfMs) / Proc.MS_PER_TICK) / dt;
            return Math.max(0, util - used);
        }
    }

    private String noisy(Cpu a, Cpu b) {
        return a.foreignPct(b) > Double.parseDouble(opt.getOrDefault("noiseMax", "15")) ? " NOISY" : "";
    }

    private static String boot(List<Node> nodes) {
        StringBuilder sb = new StringBuilder("boot_ms=");
        for (Node n : nodes) {
            sb.append(sb.length() > 8 ? "," : "").append(n.bootMs);
        }
        return sb.toString();
    }

    private static String rss(List<Node> nodes) {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append(sb.length() > 0 ? "," : "").append(n.rssMb());
        }
        return sb.toString();
    }

    static long waitUntil(java.util.function.BooleanSupplier ok, long timeoutMs, long pollMs) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        while (!ok.getAsBoolean()) {
            if (System.currentTimeMillis() - t0 > timeoutMs) {
                log("WARN: timed out after %d ms", timeoutMs);
                return -1;
            }
            Thread.sleep(pollMs);
        }
        return System.currentTimeMillis() - t0;
    }

    private long countFinished(String like) {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM execution WHERE job_name LIKE ? AND finished_at IS NOT NULL")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void sleepUntil(long epochMs) throws InterruptedException {
        long d = epochMs - System.currentTimeMillis();
        if (d > 0) {
            Thread.sleep(d);
        }
    }

    // ---------------------------------------------------------------------------------------------- W1

    private String runW1(int n) throws Exception {
        receiver.reset();
        List<Node> nodes = startCluster("W1");
        try {
            // warm-up: 1,000 one-shots of the same kind, not measured (JIT, pools, plan caches)
            int warm = Integer.parseInt(opt.getOrDefault("warm", "1000"));
            long tw = (System.currentTimeMillis() / 1000 + 20) * 1000;
            long warmMs = createJobs(nodes, "w", 0, warm, "@at " + Instant.ofEpochMilli(tw));
            log("W1: %d warm-up jobs created in %d ms, due at %s", warm, warmMs, Instant.ofEpochMilli(tw));
            waitUntil(() -> receiver.count("w-") >= warm, Math.max(0, tw - System.currentTimeMillis()) + 60_000, 100);
            Thread.sleep(2000);

            // burst: T far enough ahead that all n jobs are stored before it
            long est = warmMs * (long) Math.ceil((double) n / warm);
            long t = ((System.currentTimeMillis() + Math.max(10_000, est * 3 / 2 + 10_000)) / 1000 + 1) * 1000;
            log("W1: creating %d jobs due at %s", n, Instant.ofEpochMilli(t));
            long s0 = System.currentTimeMillis();
            long schedMs = createJobs(nodes, "b", 0, n, "@at " + Instant.ofEpochMilli(t));
            long schedEnd = System.currentTimeMillis();
            boolean late = schedEnd > t - 200;
            log("W1: created in %d ms (%.0f jobs/s)%s", schedMs, n * 1000.0 / schedMs, late ? " LATE" : "");
            analyze();
            String rssBefore = rss(nodes);
            long[] pg0 = pgStats();
            sleepUntil(t - 1000);
            startJfr(nodes, "W1");
            sleepUntil(t);
            Cpu cpu0 = new Cpu(nodes);
            long doneMs;
            try (ActivitySampler ignored = new ActivitySampler()) {
                doneMs = waitUntil(() -> receiver.count("b-") >= n, Long.parseLong(opt.getOrDefault("w1TimeoutMs", "240000")), 10);
            }
            Cpu cpu1 = new Cpu(nodes);
            waitUntil(() -> countFinished("b-%") >= n, 30_000, 250);
            Thread.sleep(2000); // a double run would show up here
            String rssAfter = rss(nodes);
            long[] pg1 = pgStats();

            // ---- analysis, from the execution table and the receiver
            long tUs = t * 1000;
            List<Long> lag = new ArrayList<>();
            Map<String, Integer> rowsPerJob = new HashMap<>();
            Map<String, Integer> startedPerJob = new HashMap<>();
            Map<String, Integer> perNode = new TreeMap<>();
            Map<String, Integer> perStatus = new TreeMap<>();
            long succeededJobs;
            long lastStart = Long.MIN_VALUE;
            long lastFinish = Long.MIN_VALUE;
            long totalExec;
            try (Connection c = db(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT job_name, coalesce(node_name,'-'), status, "
                        + "(extract(epoch from scheduled_at)*1000000)::bigint, (extract(epoch from started_at)*1000000)::bigint, "
                        + "(extract(epoch from finished_at)*1000000)::bigint FROM execution WHERE job_name LIKE 'b-%'")) {
                    while (rs.next()) {
                        String job = rs.getString(1);
                        rowsPerJob.merge(job, 1, Integer::sum);
                        perNode.merge(rs.getString(2), 1, Integer::sum);
                        perStatus.merge(rs.getString(3), 1, Integer::sum);
                        long started = rs.getLong(5);
                        if (!rs.wasNull()) {
                            startedPerJob.merge(job, 1, Integer::sum);
                            lag.add(started - rs.getLong(4));
                            lastStart = Math.max(lastStart, started);
                        }
                        long finished = rs.getLong(6);
                        if (!rs.wasNull()) {
                            lastFinish = Math.max(lastFinish, finished);
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT job_name) FROM execution WHERE job_name LIKE 'b-%' AND status = 'succeeded'")) {
                    rs.next();
                    succeededJobs = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM execution")) {
                    rs.next();
                    totalExec = rs.getLong(1);
                }
            }
            long dupRows = 0;
            for (int v : rowsPerJob.values()) {
                dupRows += Math.max(0, v - 1);
            }
            long dupHits = 0;
            Map<String, Long> hits = receiver.perJob();
            for (Map.Entry<String, Long> e : hits.entrySet()) {
                if (e.getKey().startsWith("b-")) {
                    dupHits += Math.max(0, e.getValue() - startedPerJob.getOrDefault(e.getKey(), 0));
                }
            }
            long missing = n - succeededJobs;
            long[] l = sorted(lag);
            long[] rcv = receiver.times("b-");
            for (int i = 0; i < rcv.length; i++) {
                rcv[i] -= tUs;
            }
            Arrays.sort(rcv);
            double finishS = (lastFinish - tUs) / 1e6;
            double startS = (lastStart - tUs) / 1e6;
            return String.format("pendule W1 n=%d total_s=%.2f exec_per_s=%.0f start_exec_per_s=%.0f lag_first_ms=%s lag_p50_ms=%s "
                            + "lag_p95_ms=%s lag_p99_ms=%s lag_max_ms=%s rcv_lag_p50_ms=%s rcv_lag_p99_ms=%s dupes=%d dup_hits=%d "
                            + "missing=%d statuses=%s per_node=%s sched_ms=%d create_per_s=%.0f%s %s db_commits_per_exec=%.2f "
                            + "db_row_writes_per_exec=%.2f rss_mb_10k_jobs=%s rss_mb_after=%s %s wait_ms=%d%s",
                    n, finishS, n / finishS, n / startS, ms(pct(l, 0)), ms(pct(l, 50)), ms(pct(l, 95)), ms(pct(l, 99)),
                    ms(pct(l, 100)), ms(pct(rcv, 50)), ms(pct(rcv, 99)), dupRows, dupHits, missing,
                    perStatus.toString().replace(" ", ""), perNode.toString().replace(" ", ""), schedEnd - s0,
                    n * 1000.0 / schedMs, late ? " LATE_SCHEDULE" : "", Cpu.report(cpu0, cpu1, n),
                    (pg1[0] - pg0[0]) / (double) n, (pg1[1] - pg0[1]) / (double) n, rssBefore, rssAfter, boot(nodes), doneMs,
                    noisy(cpu0, cpu1));
        } finally {
            stopCluster(nodes);
        }
    }

    /**
     * History at scale: {@code rows} finished executions of the W2 or W3 jobs (prefix-0 .. prefix-(jobs - 1)), spread
     * evenly over them, one a minute back from now, written straight into the table (as years of runs would have left
     * them) before the window. Their ids are negative, below every id Pendule's sequence gives.
     */
    private void seedHistory(long rows, int jobs, String prefix) throws SQLException {
        long t0 = System.nanoTime();
        long perJob = Math.max(1, rows / jobs);
        try (Connection c = db(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at, node_name, "
                    + "created_at, not_before, started_at, finished_at, exit_code, target) "
                    + "SELECT -(j * " + perJob + " + k + 1), '" + prefix + "-' || j, -(j * " + perJob + " + k + 1), 1, 'schedule', 'succeeded', "
                    + "t, t, 'bench-n1', t, t, t, t + INTERVAL '20 milliseconds', 0, '' "
                    + "FROM generate_series(0, " + (jobs - 1) + ") AS j, generate_series(0, " + (perJob - 1) + ") AS k, "
                    + "LATERAL (SELECT date_trunc('minute', now()) - (k + 1) * INTERVAL '1 minute' AS t) AS at");
        }
        log("history: %d executions written in %d ms", perJob * jobs, (System.nanoTime() - t0) / 1_000_000);
    }

    // ---------------------------------------------------------------------------------------------- W3

    /** Job i of W3 fires every (1 + i mod 10) seconds. */
    private static int w3Period(int i) {
        return 1 + i % 10;
    }

    /**
     * Mixed periods, concurrency forbid, ONE node: how regular each job's calls are (the interval between two calls of
     * a job against its period, at the receiver), and from the execution table whether a fire was missed (a gap in a
     * job's scheduled instants) or doubled (two rows for one instant); a clock that falls behind shows as fewer fires
     * recorded in the window than its jobs' periods give ({@code not_fired_yet_about}).
     */
    private String runW3(int jobs, int durationS) throws Exception {
        receiver.reset();
        List<Node> nodes = startCluster("W3-" + jobs, 1);
        try {
            long schedMs = createJobs(nodes, "m", 0, jobs, i -> "@every " + w3Period(i) + "s", "forbid");
            log("W3 %d: jobs created in %d ms", jobs, schedMs);
            long history = Long.parseLong(opt.getOrDefault("history", "0"));
            if (history > 0) { // as W2's: written while the node is stopped, then it starts again on it
                stopCluster(nodes);
                nodes.clear();
                seedHistory(history, jobs, "m");
                nodes.addAll(startNodes("W3-" + jobs + "-on-history", 1));
            }
            analyze();
            long start = (System.currentTimeMillis() / 1000 + Integer.parseInt(opt.getOrDefault("warmSec", "10")) + 1) * 1000;
            long end = start + durationS * 1000L;
            log("W3 %d: window %s .. %s", jobs, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
            sleepUntil(start);
            Cpu cpu0 = new Cpu(nodes);
            long[] pg0 = pgStats();
            sleepUntil(end);
            Cpu cpu1 = new Cpu(nodes);
            long[] pg1 = pgStats();
            String rssEnd = rss(nodes);
            Thread.sleep(3000);
            freezeJobs();
            Thread.sleep(3000);

            // regularity, at the receiver: consecutive calls of one job, both inside the window
            List<Long> deviation = new ArrayList<>();
            long over50 = 0;
            for (Map.Entry<String, long[]> e : receiver.timesPerJob("m-").entrySet()) {
                long periodUs = w3Period(Integer.parseInt(e.getKey().substring(2))) * 1_000_000L;
                long[] t = e.getValue();
                Arrays.sort(t);
                for (int k = 1; k < t.length; k++) {
                    if (t[k - 1] < start * 1000 || t[k] >= end * 1000) {
                        continue;
                    }
                    long off = Math.abs(t[k] - t[k - 1] - periodUs);
                    deviation.add(off);
                    if (off > 50_000) {
                        over50++;
                    }
                }
            }
            // missed and doubled fires, from the execution table
            Map<String, List<Long>> instants = new HashMap<>();
            Map<String, Integer> perStatus = new TreeMap<>();
            List<Long> lag = new ArrayList<>();
            try (Connection c = db(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT job_name, status, (extract(epoch from scheduled_at)*1000000)::bigint, "
                         + "(extract(epoch from started_at)*1000000)::bigint FROM execution WHERE job_name LIKE 'm-%' "
                         + "AND scheduled_at >= to_timestamp(" + start / 1000 + ") AND scheduled_at < to_timestamp(" + end / 1000 + ")")) {
                while (rs.next()) {
                    instants.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(3));
                    perStatus.merge(rs.getString(2), 1, Integer::sum);
                    long started = rs.getLong(4);
                    if (!rs.wasNull()) {
                        lag.add(started - rs.getLong(3));
                    }
                }
            }
            long fires = 0;
            long doubled = 0;
            long missed = 0;
            for (Map.Entry<String, List<Long>> e : instants.entrySet()) {
                long periodUs = w3Period(Integer.parseInt(e.getKey().substring(2))) * 1_000_000L;
                long[] t = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                fires += t.length;
                for (int k = 1; k < t.length; k++) {
                    if (t[k] == t[k - 1]) {
                        doubled++;
                    } else if (t[k] - t[k - 1] > periodUs) {
                        missed += (t[k] - t[k - 1]) / periodUs - 1;
                    }
                }
            }
            long silentJobs = jobs - instants.size();
            long expected = 0;
            for (int i = 0; i < jobs; i++) {
                expected += durationS / w3Period(i);
            }
            long[] d = sorted(deviation);
            long[] l = sorted(lag);
            return String.format("pendule W3 jobs=%d periods_s=1..10 concurrency=forbid nodes=1 window_s=%d fires=%d "
                            + "expected_about=%d not_fired_yet_about=%d gaps=%d doubled=%d silent_jobs=%d statuses=%s intervals=%d "
                            + "interval_dev_p50_ms=%s interval_dev_p99_ms=%s interval_dev_max_ms=%s intervals_off_gt_50ms=%d "
                            + "lag_p50_ms=%s lag_p99_ms=%s sched_ms=%d create_per_s=%.0f %s db_commits_per_exec=%.2f "
                            + "db_row_writes_per_exec=%.2f rss_mb=%s %s%s",
                    jobs, durationS, fires, expected, Math.max(0, expected - fires), missed, doubled, silentJobs, perStatus.toString().replace(" ", ""),
                    d.length, ms(pct(d, 50)), ms(pct(d, 99)), ms(pct(d, 100)), over50, ms(pct(l, 50)), ms(pct(l, 99)),
                    schedMs, jobs * 1000.0 / schedMs, Cpu.report(cpu0, cpu1, fires), (pg1[0] - pg0[0]) / (double) Math.max(1, fires),
                    (pg1[1] - pg0[1]) / (double) Math.max(1, fires), rssEnd, boot(nodes), noisy(cpu0, cpu1));
        } finally {
            stopCluster(nodes);
        }
    }

    // ---------------------------------------------------------------------------------------------- C

    /**
     * Job creation, three ways, on two nodes: POST /v1/jobs by several clients, one /v1/restore of as many jobs, and
     * one curl process per job, sequential, beside one curl process per GET /v1/ (what curl alone costs). The jobs
     * fire hourly, so nothing runs while they are created.
     */
    private String runCreation(int n, int curlJobs) throws Exception {
        List<Node> nodes = startCluster("C");
        try {
            String schedule = "@every 1h";
            int warm = Integer.parseInt(opt.getOrDefault("warm", "1000"));
            createJobs(nodes, "w", 0, warm, schedule);
            restore(nodes.get(0), "rw", warm, schedule);
            analyze();

            Cpu cpu0 = new Cpu(nodes);
            long postMs = createJobs(nodes, "p", 0, n, schedule);
            Cpu cpu1 = new Cpu(nodes);
            log("C: %d jobs posted in %d ms (%.0f jobs/s)", n, postMs, n * 1000.0 / postMs);
            long restoreMs = restore(nodes.get(0), "r", n, schedule);
            Cpu cpu2 = new Cpu(nodes);
            log("C: %d jobs restored in %d ms", n, restoreMs);
            long curlPostMs = curlEach(nodes.get(1), curlJobs, true);
            long curlGetMs = curlEach(nodes.get(1), curlJobs, false);
            log("C: %d curl POSTs in %d ms, %d curl GETs in %d ms", curlJobs, curlPostMs, curlJobs, curlGetMs);

            long expected = 2L * warm + 2L * n + curlJobs;
            long stored;
            try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM job")) {
                rs.next();
                stored = rs.getLong(1);
            }
            if (stored != expected) {
                throw new IllegalStateException(stored + " jobs stored, " + expected + " expected");
            }
            return String.format("pendule C n=%d clients=%s post_jobs_per_s=%.0f restore_s=%.2f restore_jobs_per_s=%.0f "
                            + "curl_post_per_s=%.1f curl_get_per_s=%.1f jobs_stored=%d post:%s restore:%s %s",
                    n, opt.getOrDefault("clients", "8"), n * 1000.0 / postMs, restoreMs / 1000.0, n * 1000.0 / restoreMs,
                    curlJobs * 1000.0 / curlPostMs, curlJobs * 1000.0 / curlGetMs, stored,
                    Cpu.report(cpu0, cpu1, n).replace("_per_exec", "_per_job"),
                    Cpu.report(cpu1, cpu2, n).replace("_per_exec", "_per_job"), boot(nodes));
        } finally {
            stopCluster(nodes);
        }
    }

    /** One /v1/restore of jobs prefix-0..prefix-(n-1), as Dkron's restore takes them (a multipart field "file"). */
    private long restore(Node node, String prefix, int n, String schedule) throws Exception {
        StringBuilder file = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            String name = prefix + "-" + i;
            file.append(i > 0 ? "," : "").append(jobJson(name, schedule, "http://127.0.0.1:" + receiverPort + "/hit?job=" + name));
        }
        file.append(']');
        String boundary = "bench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"backup.json\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        HttpRequest req = HttpRequest.newBuilder(URI.create(node.base() + "restore")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", Node.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("restore: HTTP " + r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return ms;
    }

    /** {@code count} curl processes one after the other, each posting one job (or, for a GET, asking GET /v1/). */
    private long curlEach(Node node, int count, boolean post) throws Exception {
        Path header = workdir.resolve("curl-auth.header");
        Files.writeString(header, "Authorization: " + Node.authorization() + "\n");
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = "c-" + i;
            List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "@" + header));
            if (post) {
                cmd.addAll(List.of("-H", "Content-Type: application/json", "-d",
                        jobJson(name, "@every 1h", "http://127.0.0.1:" + receiverPort + "/hit?job=" + name), node.base() + "jobs"));
            } else {
                cmd.add(node.base());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0 || !out.startsWith("20")) {
                throw new IllegalStateException("curl " + String.join(" ", cmd.subList(0, 6)) + ": " + out);
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    // ---------------------------------------------------------------------------------------------- W2

    private String runW2(int jobs, int durationS) throws Exception {
        receiver.reset();
        List<Node> nodes = startCluster("W2-" + jobs);
        try {
            long schedMs = createJobs(nodes, "c", 0, jobs, "@every 1s");
            log("W2 %d: jobs created in %d ms", jobs, schedMs);
            long history = Long.parseLong(opt.getOrDefault("history", "0"));
            if (history > 0) {
                // written while no node runs (beside firing nodes 10,000,000 rows took over 19 minutes), then the
                // nodes start again on it: the window measures a node that found the history there
                stopCluster(nodes);
                nodes.clear();
                seedHistory(history, jobs, "c");
                nodes.addAll(startNodes("W2-" + jobs + "-on-history", ports.length));
            }
            analyze();
            long start = (System.currentTimeMillis() / 1000 + Integer.parseInt(opt.getOrDefault("warmSec", "10")) + 1) * 1000;
            long end = start + durationS * 1000L;
            log("W2 %d: window %s .. %s", jobs, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
            sleepUntil(start);
            Cpu cpu0 = new Cpu(nodes);
            long[] pg0 = pgStats();
            try (ActivitySampler ignored = new ActivitySampler()) {
                sleepUntil(start + 20_000);
                startJfr(nodes, "W2-" + jobs);
                sleepUntil(end);
            }
            Cpu cpu1 = new Cpu(nodes);
            long[] pg1 = pgStats();
            String rssEnd = rss(nodes);
            Thread.sleep(3000); // late fires of the window's slots may still start
            // freeze: no more fires (the benchmark's only direct write to Pendule's tables), let in-flight runs end
            freezeJobs();
            Thread.sleep(3000);
            Map<String, Long> hits = receiver.perJob();

            List<Long> lag = new ArrayList<>();
            Map<String, Integer> perNode = new TreeMap<>();
            Map<String, Integer> perStatus = new TreeMap<>();
            Map<String, Integer> perExact = new HashMap<>();
            java.util.Set<String> slots = new java.util.HashSet<>();
            Map<String, Integer> startedPerJob = new HashMap<>();
            long unaligned = 0;
            long late1s = 0;
            long inWindow = 0;
            long rowsInWindow = 0;
            try (Connection c = db(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT job_name, coalesce(node_name,'-'), status, "
                         + "(extract(epoch from scheduled_at)*1000000)::bigint, (extract(epoch from started_at)*1000000)::bigint "
                         + "FROM execution WHERE job_name LIKE 'c-%' AND id > 0")) { // not the seeded history (negative ids)
                while (rs.next()) {
                    String job = rs.getString(1);
                    long sched = rs.getLong(4);
                    long started = rs.getLong(5);
                    boolean didStart = !rs.wasNull();
                    if (didStart) {
                        startedPerJob.merge(job, 1, Integer::sum);
                    }
                    if (sched < start * 1000 || sched >= end * 1000) {
                        continue;
                    }
                    rowsInWindow++;
                    perStatus.merge(rs.getString(3), 1, Integer::sum);
                    perExact.merge(job + "@" + sched, 1, Integer::sum);
                    if (sched % 1_000_000 != 0) {
                        unaligned++;
                    }
                    if (!didStart) {
                        continue;
                    }
                    inWindow++;
                    perNode.merge(rs.getString(2), 1, Integer::sum);
                    slots.add(job + "@" + sched / 1_000_000);
                    long lg = started - sched;
                    lag.add(lg);
                    if (lg > 1_000_000) {
                        late1s++;
                    }
                }
            }
            long dupRows = 0;
            for (int v : perExact.values()) {
                dupRows += v - 1;
            }
            long dupHits = 0;
            long hitsTotal = 0;
            long startedTotal = 0;
            for (Map.Entry<String, Long> e : hits.entrySet()) {
                if (e.getKey().startsWith("c-")) {
                    hitsTotal += e.getValue();
                    dupHits += Math.max(0, e.getValue() - startedPerJob.getOrDefault(e.getKey(), 0));
                }
            }
            for (int v : startedPerJob.values()) {
                startedTotal += v;
            }
            long dupHitsLive = dupHits;
            if (dupHits > 0) {
                // hits whose start was not written yet (the recorder lags under load): look again once the nodes
                // have stopped and flushed their recorders; only an excess that remains is a double run
                stopCluster(nodes);
                Map<String, Integer> startedAfterStop = new HashMap<>();
                try (Connection c = db(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT job_name, count(*) FROM execution WHERE job_name LIKE 'c-%' "
                             + "AND id > 0 AND started_at IS NOT NULL GROUP BY job_name")) {
                    while (rs.next()) {
                        startedAfterStop.put(rs.getString(1), rs.getInt(2));
                    }
                }
                dupHits = 0;
                for (Map.Entry<String, Long> e : receiver.perJob().entrySet()) {
                    if (e.getKey().startsWith("c-")) {
                        dupHits += Math.max(0, e.getValue() - startedAfterStop.getOrDefault(e.getKey(), 0));
                    }
                }
            }
            long expected = (long) jobs * durationS;
            long executed = slots.size();
            long[] l = sorted(lag);
            return String.format("pendule W2 jobs=%d period_s=1 window_s=%d expected=%d executed=%d missed=%d dupes=%d dup_hits=%d dup_hits_live=%d "
                            + "fires_in_window=%d rows_in_window=%d unaligned=%d statuses=%s lag_p50_ms=%s lag_p95_ms=%s lag_p99_ms=%s "
                            + "lag_max_ms=%s late_gt_1s=%d per_node=%s hits_total=%d started_total=%d sched_ms=%d %s "
                            + "db_commits_per_exec=%.2f db_row_writes_per_exec=%.2f rss_mb=%s %s%s",
                    jobs, durationS, expected, executed, expected - executed, dupRows, dupHits, dupHitsLive, inWindow, rowsInWindow,
                    unaligned,
                    perStatus.toString().replace(" ", ""), ms(pct(l, 50)), ms(pct(l, 95)), ms(pct(l, 99)), ms(pct(l, 100)),
                    late1s, perNode.toString().replace(" ", ""), hitsTotal, startedTotal, schedMs, Cpu.report(cpu0, cpu1, inWindow),
                    (pg1[0] - pg0[0]) / (double) Math.max(1, inWindow), (pg1[1] - pg0[1]) / (double) Math.max(1, inWindow),
                    rssEnd, boot(nodes), noisy(cpu0, cpu1));
        } finally {
            stopCluster(nodes);
        }
    }

    /**
     * Stops every job from firing again. Rows are locked in name order, the order Pendule's recorder updates job
     * counters in, in batches of 500, and a batch that still deadlocks with a node is tried again.
     */
    private void freezeJobs() throws Exception {
        String sql = "UPDATE job SET disabled = true, next_fire_at = NULL WHERE name IN "
                + "(SELECT name FROM job WHERE next_fire_at IS NOT NULL ORDER BY name LIMIT 500 FOR UPDATE)";
        int deadlocks = 0;
        try (Connection c = db(); Statement st = c.createStatement()) {
            while (true) {
                try {
                    if (st.executeUpdate(sql) == 0) {
                        break;
                    }
                } catch (SQLException e) {
                    if (!"40P01".equals(e.getSQLState()) || ++deadlocks > 20) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
        if (deadlocks > 0) {
            log("freeze: %d deadlock(s) with the nodes, retried", deadlocks);
        }
    }

    // ---------------------------------------------------------------------------------------------- stats

    static long[] sorted(List<Long> v) {
        long[] a = v.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** nearest-rank percentile of a sorted array */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static String ms(double micros) {
        return String.format("%.1f", micros / 1000.0);
    }
}
