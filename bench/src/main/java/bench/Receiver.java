package bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP endpoint the benchmark jobs call: {@code GET /hit?job=<name>}. Counts hits per job and keeps the
 * arrival time of each hit (epoch microseconds), so that doubles and end-to-end lag can be seen outside Pendule.
 */
final class Receiver implements AutoCloseable {
    private static final byte[] OK = "ok".getBytes();
    static final int CAP = 2_000_000;

    private final HttpServer server;
    private final ExecutorService pool;
    private final ConcurrentHashMap<String, LongAdder> hits = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final String[] names = new String[CAP];
    private final long[] atMicros = new long[CAP];
    private final AtomicInteger n = new AtomicInteger();

    Receiver(int port, int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 2048);
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/hit", this::hit);
        server.start();
    }

    private void hit(HttpExchange ex) throws IOException {
        long at = Bench.nowMicros();
        String q = ex.getRequestURI().getRawQuery();
        String job = "?";
        if (q != null) {
            for (String kv : q.split("&")) {
                if (kv.startsWith("job=")) {
                    job = kv.substring(4);
                }
            }
        }
        hits.computeIfAbsent(job, k -> new LongAdder()).increment();
        total.increment();
        int k = n.getAndIncrement();
        if (k < CAP) {
            names[k] = job;
            atMicros[k] = at;
        }
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        ex.sendResponseHeaders(200, OK.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(OK);
        }
    }

    long total() {
        return total.sum();
    }

    /** hits of the jobs whose name starts with prefix */
    long count(String prefix) {
        long c = 0;
        for (Map.Entry<String, LongAdder> e : hits.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                c += e.getValue().sum();
            }
        }
        return c;
    }

    Map<String, Long> perJob() {
        Map<String, Long> m = new HashMap<>();
        hits.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** arrival times (epoch us) of the hits of jobs with that prefix */
    long[] times(String prefix) {
        int cnt = Math.min(n.get(), CAP);
        long[] out = new long[cnt];
        int j = 0;
        for (int k = 0; k < cnt; k++) {
            if (names[k] != null && names[k].startsWith(prefix)) {
                out[j++] = atMicros[k];
            }
        }
        return java.util.Arrays.copyOf(out, j);
    }

    /** arrival times (epoch us) of each job's hits, for the jobs whose name starts with prefix */
    Map<String, long[]> timesPerJob(String prefix) {
        int cnt = Math.min(n.get(), CAP);
        Map<String, List<Long>> times = new HashMap<>();
        for (int k = 0; k < cnt; k++) {
            if (names[k] != null && names[k].startsWith(prefix)) {
                times.computeIfAbsent(names[k], job -> new ArrayList<>()).add(atMicros[k]);
            }
        }
        Map<String, long[]> out = new HashMap<>();
        times.forEach((job, t) -> out.put(job, t.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    void reset() {
        hits.clear();
        total.reset();
        n.set(0);
        java.util.Arrays.fill(names, null);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
