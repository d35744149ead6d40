package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fencing, on H2 with a moved clock: a node's runs are held by its process incarnation, whose heartbeat is their lease.
 * A node cut off past its lease starts none of the runs it held and stops those it ran; a node whose own heartbeat was
 * stale orphans nobody; rows running under a live node that it does not hold are orphaned within seconds; a second
 * process with a live node's name is refused; and the lease costs one write per node, whatever its runs.
 */
class FencingOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aNodePausedPastItsLeaseStartsNoneOfItsRunsOnceItResumesAndStopsThoseItRan() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("long").schedule("@manually").retries(1, "10s").add();
        cluster.job("nightly").schedule("@every 1h").add();
        long running = a.runNowAndStart("long");
        cluster.moveTimeTo("08:59:59.500");
        long claimed = a.tickClaimingOne();
        cluster.moveTimeTo("09:00:00");
        a.heartbeat();

        a.pause(); // SIGSTOP, a long GC, a cut network: the fire of 09:00 is claimed, not started yet
        cluster.moveTimeTo("09:00:25");
        assertTrue(a.fenced(), "no heartbeat for 25 s: fenced");
        assertFalse(a.start(claimed), "a fenced node starts nothing");
        assertEquals(List.of(), a.tick(), "nor claims anything");
        cluster.moveTimeTo("09:00:35");
        assertEquals(List.of("running", "running"), List.of(cluster.run(running).status(), cluster.run(claimed).status()),
                "b orphans nothing within the lease and its grace");
        cluster.moveTimeTo("09:00:36");
        b.heartbeat();
        assertEquals(List.of("orphaned", "orphaned"), List.of(cluster.run(running).status(), cluster.run(claimed).status()));
        ClockFixture.Run retry = cluster.runs("long").get(1);
        cluster.moveTimeTo("09:00:46");
        assertEquals(List.of(retry.id()), b.tick(), "b runs the retry");

        a.resume();
        a.heartbeat();
        assertFalse(a.fenced());
        assertFalse(a.start(claimed), "after its pause, a starts nothing before it has looked at its rows");
        a.look();
        assertEquals(Optional.of("stopped: taken away from this node"), a.stoppedBecause(running), "taken away: stopped");
        assertEquals(Optional.of("stopped: taken away from this node"), a.stoppedBecause(claimed));
        assertFalse(a.start(claimed), "never started");
        a.succeed(running);
        assertEquals("orphaned", cluster.run(running).status(), "its late result is dropped");
        assertEquals("running", cluster.run(retry.id()).status(), "the retry on b goes on");
    }

    @Test
    void aNodeWithoutASuccessfulHeartbeatForALeaseStopsWhatItRuns() {
        ClockNode a = cluster.node("a").up();
        cluster.job("long").schedule("@manually").add();
        long run = a.runNowAndStart("long");
        a.heartbeat();

        a.pause(); // its heartbeats fail (here: are not sent); nobody else is there to orphan its run
        cluster.moveTimeTo("08:59:59");
        a.resume();
        cluster.moveTime(Duration.ofSeconds(31));
        a.pause();
        a.look();
        assertEquals(Optional.empty(), a.stoppedBecause(run), "heartbeats every 5 s: nothing to stop");

        cluster.moveTime(Duration.ofSeconds(31));
        a.look();
        assertEquals(Optional.of("stopped: its node lost its lease (no successful heartbeat for 30 s)"), a.stoppedBecause(run));
    }

    /** Failed before the fix: the heartbeat waited for a connection of the pool, and a busy node fenced itself. */
    @Test
    void aNodeWhosePoolIsTakenByBusyThreadsKeepsHeartbeatingAndStaysUnfenced() {
        AtomicBoolean exhausted = new AtomicBoolean();
        ClockNode a = cluster.node("a").through(FaultyDatabase.exhaustedWhile(exhausted)).up();
        a.heartbeat();

        exhausted.set(true);
        cluster.moveTime(Duration.ofSeconds(40)); // heartbeats every 5 s meanwhile
        assertFalse(a.fenced(), "its heartbeat keeps its own connection");
        exhausted.set(false);
    }

    @Test
    void aNodeWhoseOwnHeartbeatWasStaleOrphansNobodyUntilTheOthersHadALeaseToHeartbeat() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("long").schedule("@manually").add();
        long run = a.runNowAndStart("long");
        cluster.moveTimeTo("09:00:30");

        // the database is away for a minute: no node heartbeats
        a.pause();
        b.pause();
        cluster.moveTimeTo("09:01:30");
        b.resume();
        b.heartbeat();
        assertEquals("running", cluster.run(run).status(), "b was cut off too: it does not judge a yet");
        cluster.moveTimeTo("09:01:34");
        a.resume();
        cluster.moveTimeTo("09:02:30");
        assertEquals("running", cluster.run(run).status(), "a heartbeats again: its run is its own");

        a.pause(); // a goes for good: b, fresh for a lease, orphans its run after the lease and its grace
        cluster.moveTimeTo("09:03:10");
        assertEquals("orphaned", cluster.run(run).status());
    }

    @Test
    void aRowRunningUnderALiveNodeThatItDoesNotHoldIsOrphanedWithinSeconds() {
        ClockNode a = cluster.node("a").up();
        cluster.job("forbidden").schedule("@manually").concurrency("forbid").add();
        long stuck = cluster.runningBehindTheBackOf(a, "forbidden");

        a.look();
        assertEquals("running", cluster.run(stuck).status(), "one look is not enough: a claim may be on its way");
        cluster.moveTime(Duration.ofSeconds(1));
        a.look();
        ClockFixture.Run orphaned = cluster.run(stuck);
        assertEquals("orphaned", orphaned.status());
        assertEquals("claimed by node a, which never ran it (its claim's answer was lost, or it was stopping)",
                orphaned.error());

        long next = a.runNow("forbidden");
        a.tick();
        assertTrue(a.start(next), "the job is not wedged");
    }

    /**
     * Failed before the fix: a run claimed, run and ended while a look's query was on its way was dropped from the runs
     * ending (it was not in the answer), and the next two looks orphaned it while its result waited to be written. Under
     * load (W2 at 5,000 jobs) that was hundreds of runs at a time, each called without its record.
     */
    @Test
    void aRunThatEndsWhileALookIsOnItsWayIsNotOrphanedWhileItsResultIsOnItsWay() {
        AtomicInteger armed = new AtomicInteger();
        long[] run = new long[1];
        ClockNode[] a = new ClockNode[1];
        a[0] = cluster.node("a").through(FaultyDatabase.afterAnswering(LOOK, armed, () -> {
            a[0].tick();
            a[0].start(run[0]);
            a[0].endsWithItsResultOnItsWay(run[0]);
        })).up();
        cluster.job("export").schedule("@manually").add();
        run[0] = a[0].runNow("export");

        armed.set(1);
        a[0].look(); // its answer was read before the run was claimed; the run ends before the answer is here
        a[0].look();
        cluster.moveTime(Duration.ofSeconds(1));
        a[0].look();
        assertEquals("running", cluster.run(run[0]).status(), "its result is on its way: it is not orphaned");
    }

    /** Failed before the fix: the claims were counted before the look's query was sent, not once its answer was in. */
    @Test
    void aRowOfAClaimBegunWhileALookIsOnItsWayIsNotOrphanedBeforeTheClaimHandsItsRunsOver() {
        AtomicInteger armed = new AtomicInteger();
        long[] row = new long[1];
        ClockNode[] a = new ClockNode[1];
        a[0] = cluster.node("a").through(FaultyDatabase.answeringLate(LOOK, armed, () -> {
            a[0].claimBegins();
            row[0] = cluster.runningBehindTheBackOf(a[0], "export"); // committed before the look's snapshot
        })).up();
        cluster.job("export").schedule("@manually").add();

        armed.set(1);
        a[0].look();
        cluster.moveTime(Duration.ofSeconds(1));
        a[0].look();
        cluster.moveTime(Duration.ofSeconds(1));
        a[0].look();
        assertEquals("running", cluster.run(row[0]).status(), "its claim has not handed its runs over yet");
        a[0].claimEnds(); // ... and it did not hold this one after all
        cluster.moveTime(Duration.ofSeconds(1));
        a[0].look();
        assertEquals("orphaned", cluster.run(row[0]).status());
    }

    /** The look's query (CancelRequests.runningOn). */
    private static final String LOOK = "SELECT id, cancel_requested_at FROM execution";

    @Test
    void aRowOfAClaimStillOnItsWayToTheRunnerIsNotOrphaned() {
        ClockNode a = cluster.node("a").up();
        cluster.job("export").schedule("@manually").add();
        a.claimBegins(); // committed, not handed over yet (the tick's thread stalled)
        long onItsWay = cluster.runningBehindTheBackOf(a, "export");

        a.look();
        cluster.moveTime(Duration.ofSeconds(1));
        a.look();
        assertEquals("running", cluster.run(onItsWay).status(), "the claim that may hold it has not handed its runs over");
        a.claimEnds(); // ... and it did not hold this one after all
        cluster.moveTime(Duration.ofSeconds(1));
        a.look();
        assertEquals("orphaned", cluster.run(onItsWay).status());
    }

    @Test
    void aClaimWhoseCommitAnswerWasLostHandsTheRunsItCommittedToTheRunner() {
        ClockNode a = cluster.node("a").up();
        cluster.job("report").schedule("@every 1m").add();
        cluster.moveTimeTo("08:59:59.500");

        List<Long> handed = a.tickLosingTheCommitAnswer();

        assertEquals(1, handed.size(), "the database committed the claim: the run is a's");
        assertEquals("running", cluster.run(handed.get(0)).status());
        cluster.moveTimeTo("09:00:00");
        assertTrue(a.start(handed.get(0)));
        a.look();
        cluster.moveTime(Duration.ofSeconds(1));
        a.look();
        assertEquals("running", cluster.run(handed.get(0)).status(), "held: not orphaned");
    }

    @Test
    void aSecondProcessWithTheNameOfALiveNodeIsRefusedAndTouchesNothingOfIts() {
        ClockNode a = cluster.node("a").up();
        cluster.job("long").schedule("@manually").add();
        cluster.job("minutely").schedule("@every 1m").add();
        long run = a.runNowAndStart("long");

        ClockNode twin = cluster.node("a").up();
        assertTrue(twin.refusal().orElseThrow().startsWith("another process (incarnation " + a.incarnation() + ")"),
                twin.refusal().toString());
        assertTrue(twin.fenced());
        cluster.moveTimeTo("08:59:59.500");
        assertEquals(List.of(), twin.tick(), "a refused process claims nothing");
        assertEquals(1, a.tick().size());
        cluster.moveTimeTo("09:01:00");
        assertEquals("running", cluster.run(run).status(), "the twin neither renews nor orphans a's runs");
        assertTrue(twin.refusal().isPresent(), "still refused while a heartbeats");
        assertEquals(Optional.empty(), a.refusal());
    }

    @Test
    void theLeaseCostsOneWriteOfTheNodeRowPerHeartbeatWhateverTheRunsItHolds() {
        ClockNode a = cluster.node("a").up();
        for (int i = 0; i < 20; i++) {
            cluster.job("job" + i).schedule("@manually").add();
            a.runNow("job" + i);
        }
        assertEquals(20, a.tick().size());
        a.statements();

        a.heartbeat();

        List<String> writes = a.statements().stream().filter(sql -> !sql.startsWith("SELECT")).toList();
        assertEquals(List.of("UPDATE node SET heartbeat_at = ? WHERE name = ? AND incarnation = ?"), writes);
    }

    @Test
    void aNodeMeasuresItsClockAgainstTheDatabasesAtEachHeartbeat() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("long").schedule("@manually").add();
        long run = a.runNowAndStart("long");
        cluster.databaseClockAhead(Duration.ofSeconds(-40));
        cluster.moveTime(Duration.ofSeconds(40));
        assertEquals(Duration.ofSeconds(40), a.skew(), "a's clock is 40 s ahead of the database's");
        assertEquals("running", cluster.run(run).status(), "by the database's clock, a heartbeats on time");
        cluster.databaseClockAhead(Duration.ZERO);
        cluster.moveTime(Duration.ofSeconds(5));
        assertEquals(Duration.ZERO, a.skew());
    }
}
