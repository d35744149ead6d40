package io.pendule.chaos;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chaos oracle finds each kind of breach in rows and calls made up for it, and none in a clean run. */
class OracleTest {

    private static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");
    private long ids = 1000;

    @Test
    void aCleanRunBreaksNothing() {
        List<Oracle.Row> rows = new ArrayList<>();
        List<Receiver.Call> calls = new ArrayList<>();
        everySecond("fast-0", rows, calls);
        Oracle.Figures f = new Oracle(rows, calls, T0.plusSeconds(60)).judge(phase());
        // only the jobs this made-up run has no rows for at all are unaccounted
        assertEquals(List.of(), f.examples.values().stream().flatMap(List::stream).filter(e -> !e.endsWith("no row at all")).toList());
    }

    @Test
    void aSecondCallOfOneRunAGapAndALostResultAreEachCounted() {
        List<Oracle.Row> rows = new ArrayList<>();
        List<Receiver.Call> calls = new ArrayList<>();
        everySecond("fast-0", rows, calls);
        Oracle.Row fifth = rows.get(5);
        calls.add(call("fast", "fast-0", fifth.startedAt().plusMillis(400), ""));          // the same run called twice
        rows.remove(10);                                                                     // an instant with no row
        calls.remove(10);
        Oracle.Row orphaned = rows.get(20);
        rows.set(20, new Oracle.Row(orphaned.id(), orphaned.job(), orphaned.group(), 1, "schedule", "orphaned",
                orphaned.scheduledAt(), orphaned.fireAt(), "n1", orphaned.startedAt(), orphaned.finishedAt(), "lease expired", null));
        Oracle.Row failed = rows.get(30);                                          // called, answered 200, recorded failed
        rows.set(30, new Oracle.Row(failed.id(), failed.job(), failed.group(), 1, "schedule", "failed",
                failed.scheduledAt(), failed.fireAt(), "n1", failed.startedAt(), failed.finishedAt(), "database: connection reset", null));
        Oracle.Figures f = new Oracle(rows, calls, T0.plusSeconds(60)).judge(phase());
        assertEquals(1, f.count(Oracle.Invariant.I2_DUPLICATE_CALLS), f.examples.toString());
        assertTrue(f.examples.get(Oracle.Invariant.I3_UNACCOUNTED).stream().anyMatch(e -> e.contains("fast-0 @ " + T0.plusSeconds(10))),
                f.examples.toString());
        assertEquals(1, f.count(Oracle.Invariant.I5_RESULTS_LOST), "the failed run that called: " + f.examples);
        assertEquals(1, f.orphanedAfterCall, "the orphaned run that called is accounted for, apart");
    }

    @Test
    void identifiedCallsAreMatchedByTheirExecutionAndOverlappingForbidRunsAreFound() {
        List<Oracle.Row> rows = new ArrayList<>();
        List<Receiver.Call> calls = new ArrayList<>();
        Oracle.Row first = row("forbid-0", T0.plusSeconds(2), T0.plusSeconds(2), T0.plusSeconds(5), "succeeded");
        Oracle.Row second = row("forbid-0", T0.plusSeconds(4), T0.plusSeconds(4), T0.plusSeconds(7), "succeeded");
        rows.add(first);
        rows.add(second);
        calls.add(new Receiver.Call("slow", "forbid-0", T0.plusSeconds(2), T0.plusSeconds(5), Long.toString(first.id()), "", "1"));
        calls.add(new Receiver.Call("slow", "forbid-0", T0.plusSeconds(4), T0.plusSeconds(7), Long.toString(first.id()), "", "1"));
        Oracle.Figures f = new Oracle(rows, calls, T0.plusSeconds(60)).judge(phase());
        assertEquals(1, f.count(Oracle.Invariant.I2_DUPLICATE_CALLS), f.examples.toString());
        assertEquals(2, f.count(Oracle.Invariant.I7_FORBID_OVERLAPS), "one overlap in the calls, one in the rows: " + f.examples);
    }

    @Test
    void aDeadNodesGapIsLateToResume() {
        List<Oracle.Row> rows = new ArrayList<>();
        List<Receiver.Call> calls = new ArrayList<>();
        everySecond("fast-0", rows, calls);
        rows.removeIf(r -> r.fireAt().isAfter(T0.plusSeconds(20)) && r.fireAt().isBefore(T0.plusSeconds(26)));
        Phase phase = phase();
        phase.events.add(new Phase.Event(Phase.Kind.NODE_LOST, "kill -9 n1", T0.plusSeconds(20)));
        Oracle.Figures f = new Oracle(rows, calls, T0.plusSeconds(60)).judge(phase);
        assertTrue(f.examples.getOrDefault(Oracle.Invariant.I8_RESUME, List.of()).stream().anyMatch(e -> e.startsWith("fast-0")),
                f.examples.toString());
    }

    @Test
    void aCallOfTheLastSecondsWhoseRunsStartIsNotWrittenYetIsNotTakenForASecondCall() {
        List<Oracle.Row> rows = new ArrayList<>();
        List<Receiver.Call> calls = new ArrayList<>();
        everySecond("fast-0", rows, calls);
        // the run of 40 s was claimed and called, its start not recorded yet when the rows are read at 40.05 s
        rows.add(new Oracle.Row(ids++, "fast-0", ids, 1, "schedule", "running", T0.plusSeconds(40), T0.plusSeconds(40),
                "n1", null, null, null, null));
        calls.add(call("fast", "fast-0", T0.plusSeconds(40).plusMillis(18), ""));
        Phase phase = new Phase("quiet").window(T0, T0.plusSeconds(40).plusMillis(30));
        Oracle.Figures f = new Oracle(rows, calls, T0.plusSeconds(40).plusMillis(50)).judge(phase);
        assertEquals(0, f.count(Oracle.Invariant.I2_DUPLICATE_CALLS), f.examples.toString());

        calls.add(call("fast", "fast-0", rows.get(5).startedAt().plusMillis(400), ""));   // a real second call, earlier on
        f = new Oracle(rows, calls, T0.plusSeconds(40).plusMillis(50)).judge(phase);
        assertEquals(1, f.count(Oracle.Invariant.I2_DUPLICATE_CALLS), "still judged: " + f.examples);
    }

    @Test
    void aWebhookSentAgainAfterANodeWasCutOffIsAtLeastOnceButAMissingOneOrAnExtraOneInQuietTimesIsABreach() {
        List<Oracle.Row> rows = new ArrayList<>();
        Oracle.Row twice = row(ChaosJobs.CHAIN_C, T0.plusSeconds(5), T0.plusSeconds(5), T0.plusSeconds(6), "succeeded");
        Oracle.Row never = row(ChaosJobs.CHAIN_C, T0.plusSeconds(10), T0.plusSeconds(10), T0.plusSeconds(11), "succeeded");
        rows.add(twice);
        rows.add(never);
        List<Receiver.Call> calls = new ArrayList<>();
        calls.add(call("webhook", ChaosJobs.CHAIN_C, T0.plusSeconds(7), Long.toString(twice.id())));
        calls.add(call("webhook", ChaosJobs.CHAIN_C, T0.plusSeconds(20), Long.toString(twice.id())));

        Oracle.Figures cut = new Oracle(rows, calls, T0.plusSeconds(90)).judge(new Phase("blackhole").window(T0, T0.plusSeconds(40)));
        assertEquals(1, cut.webhooksSentAgain);
        assertEquals(1, cut.count(Oracle.Invariant.I6_WEBHOOKS), "the missing one: " + cut.examples);

        Oracle.Figures quiet = new Oracle(rows, calls, T0.plusSeconds(90)).judge(new Phase("quiet").window(T0, T0.plusSeconds(40)));
        assertEquals(0, quiet.webhooksSentAgain);
        assertEquals(2, quiet.count(Oracle.Invariant.I6_WEBHOOKS), "the extra and the missing one: " + quiet.examples);
    }

    private void everySecond(String job, List<Oracle.Row> rows, List<Receiver.Call> calls) {
        for (int s = 0; s < 40; s++) {
            Instant fire = T0.plusSeconds(s);
            Oracle.Row r = row(job, fire, fire.plusMillis(50), fire.plusMillis(150), "succeeded");
            rows.add(r);
            calls.add(call("fast", job, fire.plusMillis(100), ""));
        }
    }

    private Oracle.Row row(String job, Instant fire, Instant started, Instant finished, String status) {
        long id = ids++;
        return new Oracle.Row(id, job, id, 1, "schedule", status, fire, fire, "n1", started, finished, null, null);
    }

    private static Receiver.Call call(String kind, String job, Instant arrival, String execution) {
        return new Receiver.Call(kind, job, arrival, arrival.plusMillis(10), execution, "", "");
    }

    private static Phase phase() {
        Phase phase = new Phase("test");
        return phase.window(T0, T0.plusSeconds(40));
    }
}
