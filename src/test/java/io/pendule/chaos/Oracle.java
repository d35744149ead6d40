package io.pendule.chaos;

import io.pendule.executions.entity.ApiExecutionId;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Judges a chaos run from the database's execution rows and the receiver's calls: per phase, how many times each
 * invariant was broken, with examples. A call names its run by the X-Pendule-* headers when the node sends them;
 * otherwise by its path ({@code /hit/<at-job>}: one job, one fire) and time (the latest run of its job started
 * before it came).
 */
final class Oracle {

    /** The invariants, in the report's column order. */
    enum Invariant {
        I1_DUPLICATE_ROWS("I1 duplicate (job, fire) or (group, attempt) rows"),
        I2_DUPLICATE_CALLS("I2 calls beyond one per (fire, attempt)"),
        I3_UNACCOUNTED("I3 instants not accounted for (no row, queued past the misfire threshold, or no reason)"),
        I4_STUCK("I4 rows running past lease + grace at the phase's end"),
        I5_RESULTS_LOST("I5 calls made but recorded skipped, missed or failed (result lost)"),
        I6_DEPENDENTS("I6 dependent runs lost or doubled per group and rule"),
        I6_WEBHOOKS("I6 webhooks missing or extra for chain-c's outcomes"),
        I7_FORBID_OVERLAPS("I7 overlapping runs of a forbid job"),
        I8_RESUME("I8 fast jobs late to resume: > 2 s after a node is lost, > 10 s after the database is back");

        final String title;

        Invariant(String title) {
            this.title = title;
        }
    }

    record Row(long id, String job, long group, int attempt, String trigger, String status, Instant scheduledAt,
               Instant fireAt, String node, Instant startedAt, Instant finishedAt, String error, Long dependencyGroup) {
        /** The instant the run belongs to: its fire, or when it was scheduled (retries, dependents). */
        Instant at() {
            return fireAt != null ? fireAt : scheduledAt;
        }
    }

    /** Counts and a few examples of each invariant's breaches in one phase, plus the worst resume delay seen. */
    static final class Figures {
        final Map<Invariant, Long> counts = new LinkedHashMap<>();
        final Map<Invariant, List<String>> examples = new LinkedHashMap<>();
        double worstResumeSeconds = -1;
        long fires;
        long calls;
        /** Runs that called and were then recorded orphaned (their node could not report): not a breach. */
        long orphanedAfterCall;
        /**
         * Webhooks sent a second time where a fault cut a node off after it sent one and before it could record that
         * (notifications are at least once: the outbox row is taken again by a node that can; receivers tell them
         * apart by execution_id): not a breach. A missing webhook always is, and so is an extra one in a phase
         * without such a fault.
         */
        long webhooksSentAgain;

        void breach(Invariant invariant, String example) {
            counts.merge(invariant, 1L, Long::sum);
            List<String> list = examples.computeIfAbsent(invariant, k -> new ArrayList<>());
            if (list.size() < 5) {
                list.add(example);
            }
        }

        long count(Invariant invariant) {
            return counts.getOrDefault(invariant, 0L);
        }
    }

    /** The phases whose fault can cut a node off from the database between a webhook sent and its outbox row done. */
    static final Set<String> CUTS_A_NODE_OFF = Set.of("kill", "stop", "resets", "blackhole", "postgres");

    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(60);
    /** The grace the sweeper gives a lease that ran out (see Orphans) before a row counts as stuck. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** The longest any chaos job runs (a shell job: 20 s), plus the lease, grace and a heartbeat. */
    static final Duration LONGEST_RUN = Duration.ofSeconds(70);
    private static final Pattern MISSED_RANGE = Pattern.compile("missed: (\\d+) fires from (\\S+) to (\\S+?)[,;]? ");
    private static final Set<String> FINAL = Set.of("succeeded", "failed", "skipped", "timed_out", "cancelled", "orphaned", "missed");
    private static final Map<String, Long> PERIODS = periods();

    /** PENDULE_DB_IDLE_IN_TRANSACTION_TIMEOUT's default: how long a frozen node's open claim keeps its row locks. */
    static final double IDLE_IN_TRANSACTION_SECONDS = 5;

    private final List<Row> rows;
    private final List<Receiver.Call> calls;
    private final Instant checkedAt;
    private final Map<String, List<Row>> byJob;
    /** Each call's run (null: no run of its job had started before it came). */
    private final Map<Receiver.Call, Row> callRun = new HashMap<>();

    Oracle(List<Row> rows, List<Receiver.Call> calls, Instant checkedAt) {
        this.rows = rows;
        this.calls = calls;
        this.checkedAt = checkedAt;
        this.byJob = rows.stream().collect(Collectors.groupingBy(Row::job));
        // a run tells the id the API shows (ApiExecutionId: its start and node); older nodes told the row's id
        // (runs of two jobs starting in the same microsecond on one node tell the same id: the API scopes it by job)
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.job() + "/" + r.id(), r));
        rows.stream().filter(r -> r.startedAt() != null && r.node() != null)
                .forEach(r -> byId.put(r.job() + "/" + ApiExecutionId.of(r.startedAt(), r.node()), r));
        calls.stream().filter(c -> !c.kind().equals("webhook") && c.identified()
                        && byId.containsKey(c.job() + "/" + c.execution()))
                .forEach(c -> callRun.put(c, byId.get(c.job() + "/" + c.execution())));
        // a call whose run's start was never written (its node died before recording it) is matched by time
        calls.stream().filter(c -> !c.kind().equals("webhook") && !callRun.containsKey(c))
                .collect(Collectors.groupingBy(Receiver.Call::job)).forEach(this::matchByTime);
    }

    /**
     * Without the run's identity in the calls: each call, oldest first, goes to the latest run of its job not matched
     * yet that started before it came (and not more than 30 s before: a run that never called, orphaned before its
     * call, stays unmatched); a call with none left goes to the latest run started before it, so it shows as a second
     * call of that run.
     */
    private void matchByTime(String job, List<Receiver.Call> its) {
        List<Row> runs = byJob.getOrDefault(job, List.of()).stream()
                .filter(r -> ranFrom(r) != null && !Set.of("skipped", "missed").contains(r.status()))
                .sorted(Comparator.comparing(Oracle::ranFrom)).toList();
        Set<Row> matched = new java.util.HashSet<>();
        int next = 0;
        for (Receiver.Call call : its.stream().sorted(Comparator.comparing(Receiver.Call::arrival)).toList()) {
            Instant latestStart = call.arrival().plusMillis(200);
            while (next < runs.size() && ranFrom(runs.get(next)).isBefore(call.arrival().minusSeconds(30))) {
                next++;
            }
            Row run = null;
            for (int i = next; i < runs.size() && !ranFrom(runs.get(i)).isAfter(latestStart); i++) {
                if (!matched.contains(runs.get(i))) {
                    run = runs.get(i);
                }
            }
            if (run == null) {
                run = runs.stream().filter(r -> !ranFrom(r).isAfter(latestStart)).reduce((a, b) -> b).orElse(null);
            }
            if (run != null) {
                matched.add(run);
            }
            callRun.put(call, run);
        }
    }

    static List<Row> read(String url) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at,"
                     + " node_name, started_at, finished_at, error, dependency_group FROM execution")) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6),
                        instant(rs, 7), instant(rs, 8), rs.getString(9), instant(rs, 10), instant(rs, 11), rs.getString(12),
                        (Long) rs.getObject(13)));
            }
        }
        return rows;
    }

    /** Rows running past their lease and grace, or longer than any chaos job can run: counted by the database's clock. */
    static long stuck(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM execution WHERE status = 'running' AND (lease_until < now() - interval '"
                     + GRACE.toSeconds() + " seconds' OR started_at < now() - interval '"
                     + LONGEST_RUN.toSeconds() + " seconds')")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            System.out.println("[chaos] stuck rows not counted: " + e.getMessage());
            return -1;
        }
    }

    Figures judge(Phase phase) {
        Figures f = new Figures();
        f.fires = rows.stream().filter(r -> r.fireAt() != null && phase.contains(r.fireAt())).count();
        f.calls = calls.stream().filter(c -> phase.contains(c.arrival())).count();
        duplicateRows(phase, f);
        duplicateCalls(phase, f);
        unaccounted(phase, f);
        if (phase.stuckAtEnd != 0) {
            f.counts.put(Invariant.I4_STUCK, phase.stuckAtEnd);
            f.examples.put(Invariant.I4_STUCK, List.of(phase.stuckAtEnd < 0 ? "database unreachable at the phase's end"
                    : phase.stuckAtEnd + " running rows past lease + grace at " + phase.end));
        }
        resultsLost(phase, f);
        dependents(phase, f);
        webhooks(phase, f);
        forbidOverlaps(phase, f);
        resume(phase, f);
        return f;
    }

    private void duplicateRows(Phase phase, Figures f) {
        rows.stream().filter(r -> r.fireAt() != null && phase.contains(r.fireAt()))
                .collect(Collectors.groupingBy(r -> r.job() + " @ " + r.fireAt(), Collectors.counting()))
                .forEach((key, n) -> {
                    if (n > 1) {
                        f.breach(Invariant.I1_DUPLICATE_ROWS, key + ": " + n + " rows");
                    }
                });
        rows.stream().filter(r -> phase.contains(r.at()))
                .collect(Collectors.groupingBy(r -> r.job() + " group " + r.group() + " attempt " + r.attempt(), Collectors.counting()))
                .forEach((key, n) -> {
                    if (n > 1) {
                        f.breach(Invariant.I1_DUPLICATE_ROWS, key + ": " + n + " rows");
                    }
                });
    }

    /**
     * Calls of the last seconds before the rows were read are not judged: their run's start may not be written yet
     * (the recorder batches it), so such a call would be matched by time to the run before it and look like its
     * second call (seen: the eight fast jobs' calls of the second after the last phase, 50 ms after its end).
     */
    private Instant callsJudgedUntil() {
        return checkedAt.minusSeconds(10);
    }

    private void duplicateCalls(Phase phase, Figures f) {
        Instant judgedUntil = callsJudgedUntil();
        callRun.entrySet().stream().filter(e -> e.getValue() != null && phase.contains(e.getValue().at())
                        && e.getKey().arrival().isBefore(judgedUntil))
                .collect(Collectors.groupingBy(e -> e.getValue(), Collectors.mapping(Map.Entry::getKey, Collectors.toList())))
                .forEach((run, its) -> {
                    for (int extra = 1; extra < its.size(); extra++) {
                        f.breach(Invariant.I2_DUPLICATE_CALLS, run.job() + " execution " + run.id() + " (" + run.status() + " on "
                                + run.node() + ", fire " + run.at() + ", attempt " + run.attempt() + ") called " + its.size()
                                + " times, at " + its.stream().map(c -> c.arrival().toString()).collect(Collectors.joining(", ")));
                    }
                });
        calls.stream().filter(c -> !c.kind().equals("webhook") && callRun.get(c) == null && phase.contains(c.arrival())
                        && c.arrival().isBefore(judgedUntil))
                .forEach(c -> f.breach(Invariant.I2_DUPLICATE_CALLS, "call of " + c.job() + " at " + c.arrival()
                        + " matches no recorded run"));
    }

    private void unaccounted(Phase phase, Figures f) {
        Instant judgedUntil = min(phase.end, checkedAt.minusSeconds(10));
        PERIODS.forEach((job, period) -> {
            List<Row> its = byJob.getOrDefault(job, List.of());
            Set<Instant> fired = its.stream().map(Row::fireAt).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            long offset = its.stream().filter(r -> r.fireAt() != null).map(r -> Math.floorMod(r.fireAt().toEpochMilli(), period))
                    .collect(Collectors.groupingBy(o -> o, Collectors.counting())).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0L);
            Instant first = its.stream().map(Row::fireAt).filter(java.util.Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
            if (first == null) {
                if (!phase.start.isAfter(checkedAt.minusSeconds(10))) {
                    f.breach(Invariant.I3_UNACCOUNTED, job + ": no row at all");
                }
                return;
            }
            long startMillis = Math.max(phase.start.toEpochMilli(), first.toEpochMilli());
            long k = Math.floorDiv(startMillis - offset + period - 1, period);
            for (long at = k * period + offset; at < judgedUntil.toEpochMilli(); at += period) {
                Instant instant = Instant.ofEpochMilli(at);
                if (!fired.contains(instant) && !inMissedRange(its, instant)) {
                    f.breach(Invariant.I3_UNACCOUNTED, job + " @ " + instant + ": no row");
                }
            }
        });
        for (Instant at = phase.start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); at.isBefore(judgedUntil); at = at.plusSeconds(1)) {
            String job = ChaosJobs.atJob(at);
            if (at.getEpochSecond() % ChaosJobs.AT_EVERY_SECONDS == 0 && atJobsCreated() && !byJob.containsKey(job)) {
                f.breach(Invariant.I3_UNACCOUNTED, job + ": no row for its @at instant");
            }
        }
        rows.stream().filter(r -> phase.contains(r.at())).forEach(r -> {
            if (r.status().equals("queued") && r.at().isBefore(checkedAt.minus(MISFIRE_THRESHOLD).minusSeconds(10))) {
                f.breach(Invariant.I3_UNACCOUNTED, r.job() + " execution " + r.id() + " @ " + r.at() + " still queued at the end");
            } else if (FINAL.contains(r.status()) && !r.status().equals("succeeded") && (r.error() == null || r.error().isBlank())) {
                f.breach(Invariant.I3_UNACCOUNTED, r.job() + " execution " + r.id() + " " + r.status() + " without a reason");
            }
        });
    }

    private boolean atJobsCreated() {
        return byJob.keySet().stream().anyMatch(j -> j.startsWith("at-"));
    }

    private static boolean inMissedRange(List<Row> its, Instant instant) {
        for (Row r : its) {
            if (r.status().equals("missed") && r.error() != null) {
                Matcher m = MISSED_RANGE.matcher(r.error());
                if (m.find()) {
                    try {
                        Instant from = Instant.parse(m.group(2));
                        Instant to = Instant.parse(m.group(3));
                        if (!instant.isBefore(from) && !instant.isAfter(to)) {
                            return true;
                        }
                    } catch (RuntimeException unparsable) {
                        // not a range
                    }
                }
            }
        }
        return false;
    }

    /**
     * A run that called and is recorded skipped, missed or failed: its node could have said what happened and did not.
     * A run that called and is recorded orphaned is accounted for with its reason (its node lost the database or
     * died before it could report): counted apart, not a breach.
     */
    private void resultsLost(Phase phase, Figures f) {
        f.orphanedAfterCall = callRun.values().stream().filter(run -> run != null && phase.contains(run.at())
                && run.status().equals("orphaned")).distinct().count();
        callRun.forEach((call, run) -> {
            if (run != null && phase.contains(run.at()) && !call.kind().equals("slow")
                    && Set.of("skipped", "missed", "failed").contains(run.status())) {
                f.breach(Invariant.I5_RESULTS_LOST, run.job() + " execution " + run.id() + " called at " + call.arrival()
                        + " but recorded " + run.status() + ": " + abbreviate(run.error()));
            }
        });
    }

    private void dependents(Phase phase, Figures f) {
        Instant settled = checkedAt.minusSeconds(20);
        Map<Long, List<Row>> b = groupRows(ChaosJobs.CHAIN_B);
        Map<Long, List<Row>> c = groupRows(ChaosJobs.CHAIN_C);
        for (Row a : byJob.getOrDefault(ChaosJobs.CHAIN_A, List.of())) {
            if (!phase.contains(a.at()) || a.finishedAt() == null || a.finishedAt().isAfter(settled)) {
                continue;
            }
            int bs = b.getOrDefault(a.group(), List.of()).size();
            boolean aSucceeded = a.status().equals("succeeded");
            if (aSucceeded != (bs == 1) || bs > 1) {
                f.breach(Invariant.I6_DEPENDENTS, "chain-a execution " + a.id() + " " + a.status() + ": " + bs + " chain-b runs in its group");
            }
            boolean bSucceeded = b.getOrDefault(a.group(), List.of()).stream().anyMatch(r -> r.status().equals("succeeded")
                    && r.finishedAt() != null && r.finishedAt().isBefore(settled));
            boolean bSettled = b.getOrDefault(a.group(), List.of()).stream().allMatch(r -> r.finishedAt() != null && r.finishedAt().isBefore(settled));
            int cs = c.getOrDefault(a.group(), List.of()).size();
            if (bSettled && (aSucceeded && bSucceeded) != (cs == 1) || cs > 1) {
                f.breach(Invariant.I6_DEPENDENTS, "group " + a.group() + " (chain-a " + a.status() + ", chain-b "
                        + (bSucceeded ? "succeeded" : "not succeeded") + "): " + cs + " chain-c runs");
            }
        }
    }

    private void webhooks(Phase phase, Figures f) {
        Map<String, Long> calledFor = calls.stream().filter(c -> c.kind().equals("webhook"))
                .collect(Collectors.groupingBy(c -> c.execution().isEmpty() ? "?" : c.execution(), Collectors.counting()));
        List<Row> outcomes = byJob.getOrDefault(ChaosJobs.CHAIN_C, List.of()).stream()
                .filter(r -> r.finishedAt() != null && phase.contains(r.finishedAt()) && r.finishedAt().isBefore(checkedAt.minusSeconds(20))).toList();
        long hooks = calls.stream().filter(c -> c.kind().equals("webhook") && phase.contains(c.arrival())
                && c.arrival().isBefore(checkedAt.minusSeconds(15))).count();
        if (!calledFor.containsKey("?") || calledFor.size() > 1) {
            // identified webhooks: one per outcome
            for (Row r : outcomes) {
                long n = calledFor.getOrDefault(Long.toString(r.id()), 0L);
                if (n > 1 && CUTS_A_NODE_OFF.contains(phase.name)) {
                    f.webhooksSentAgain += n - 1;
                } else if (n != 1) {
                    f.breach(Invariant.I6_WEBHOOKS, "chain-c execution " + r.id() + " " + r.status() + ": " + n + " webhooks");
                }
            }
        } else if (hooks != outcomes.size()) {
            for (long i = 0; i < Math.abs(hooks - outcomes.size()); i++) {
                f.breach(Invariant.I6_WEBHOOKS, outcomes.size() + " chain-c outcomes finished in the phase, " + hooks + " webhooks came");
            }
        }
    }

    private void forbidOverlaps(Phase phase, Figures f) {
        for (String job : ChaosJobs.FORBID) {
            List<Receiver.Call> its = calls.stream().filter(c -> c.job().startsWith(job + "?") || c.job().equals(job))
                    .sorted(Comparator.comparing(Receiver.Call::arrival)).toList();
            for (int i = 1; i < its.size(); i++) {
                if (phase.contains(its.get(i).arrival()) && its.get(i).arrival().isBefore(its.get(i - 1).sent())) {
                    f.breach(Invariant.I7_FORBID_OVERLAPS, job + ": a call came at " + its.get(i).arrival()
                            + " while the one of " + its.get(i - 1).arrival() + " ran until " + its.get(i - 1).sent());
                }
            }
            List<Row> runs = byJob.getOrDefault(job, List.of()).stream().filter(r -> r.startedAt() != null
                    && !Set.of("skipped", "missed").contains(r.status())).sorted(Comparator.comparing(Row::startedAt)).toList();
            for (int i = 1; i < runs.size(); i++) {
                Row before = runs.get(i - 1);
                Instant beforeEnd = before.finishedAt() == null ? checkedAt : before.finishedAt();
                if (phase.contains(runs.get(i).startedAt()) && runs.get(i).startedAt().isBefore(beforeEnd)) {
                    f.breach(Invariant.I7_FORBID_OVERLAPS, job + ": execution " + runs.get(i).id() + " started at "
                            + runs.get(i).startedAt() + " while " + before.id() + " (" + before.status() + " on " + before.node()
                            + ") ran until " + beforeEnd);
                }
            }
        }
    }

    /**
     * After a node is lost, each fast job's runs go on: no gap between two starts longer than 3.5 s (two periods and jitter)
     * in the 20 s after. After the database is back, each fast job starts a run within 10 s.
     */
    private void resume(Phase phase, Figures f) {
        for (Phase.Event event : phase.events) {
            for (String job : ChaosJobs.fastJobs()) {
                List<Instant> starts = byJob.getOrDefault(job, List.of()).stream()
                        .filter(r -> r.startedAt() != null && Set.of("succeeded", "failed", "running").contains(r.status()))
                        .map(Row::startedAt).sorted().toList();
                double worst;
                double limit;
                if (event.kind() != Phase.Kind.DATABASE_BACK) {
                    // the lost node may hold the one fire it claimed ahead (orphaned later, accounted for): so one
                    // start may be missing, two periods, plus the start jitter of three nodes on two busy cores; a
                    // frozen node's open claim also keeps its jobs locked until PostgreSQL ends its idle transaction
                    limit = event.kind() == Phase.Kind.NODE_FROZEN ? 3.5 + IDLE_IN_TRANSACTION_SECONDS : 3.5;
                    worst = worstGap(starts, event.at().minusSeconds(2), event.at().plusSeconds(20));
                } else {
                    limit = 10;
                    worst = starts.stream().filter(s -> s.isAfter(event.at())).findFirst()
                            .map(s -> Duration.between(event.at(), s).toMillis() / 1000.0).orElse(Double.MAX_VALUE);
                }
                f.worstResumeSeconds = Math.max(f.worstResumeSeconds, worst);
                if (worst > limit) {
                    f.breach(Invariant.I8_RESUME, job + " after " + event.what() + " at " + event.at() + ": "
                            + (worst == Double.MAX_VALUE ? "never" : worst + " s") + " (limit " + limit + " s)");
                }
            }
        }
    }

    private static double worstGap(List<Instant> starts, Instant from, Instant to) {
        Instant previous = from;
        double worst = 0;
        for (Instant s : starts) {
            if (s.isAfter(from) && s.isBefore(to)) {
                worst = Math.max(worst, Duration.between(previous, s).toMillis() / 1000.0);
                previous = s;
            }
        }
        return Math.max(worst, Duration.between(previous, to).toMillis() / 1000.0);
    }

    private Map<Long, List<Row>> groupRows(String job) {
        return byJob.getOrDefault(job, List.of()).stream().collect(Collectors.groupingBy(Row::group));
    }

    /**
     * When a run may have called: its start, or, for a run orphaned without a recorded start (its node claimed it and
     * lost the database before writing the start), its fire.
     */
    private static Instant ranFrom(Row r) {
        return r.startedAt() != null ? r.startedAt() : r.status().equals("orphaned") ? r.at() : null;
    }

    private static Map<String, Long> periods() {
        Map<String, Long> periods = new LinkedHashMap<>();
        ChaosJobs.fastJobs().forEach(j -> periods.put(j, 1000L));
        ChaosJobs.FORBID.forEach(j -> periods.put(j, 2000L));
        ChaosJobs.SHELL.forEach(j -> periods.put(j, 30_000L));
        periods.put(ChaosJobs.CHAIN_A, 5000L);
        periods.put(ChaosJobs.ABSENT_ZONE, 5000L);
        return periods;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }


    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
