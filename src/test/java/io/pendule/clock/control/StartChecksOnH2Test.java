package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What decides, as a claimed run is about to start, whether it starts: its job's concurrency policy (forbid, replace,
 * or the policy its caller queued it with) and its gates. On H2 with a moved clock, on one node or two.
 */
class StartChecksOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void forbidSkipsAFireWhileAnotherRunOfTheJobGoesOnWhicheverNodeRunsIt() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("export").schedule("@every 1m").concurrency("forbid").add();
        cluster.moveTimeTo("08:59:59.500");
        long first = a.tickClaimingOne();
        cluster.moveTimeTo("09:00:00");
        assertTrue(a.start(first));

        cluster.moveTimeTo("09:00:59.500");
        long second = b.tickClaimingOne();
        cluster.moveTimeTo("09:01:00");
        assertFalse(b.start(second), "the first run goes on");
        ClockFixture.Run skipped = cluster.run(second);
        assertEquals("skipped", skipped.status());
        assertEquals("skipped: execution " + first + " of this job is still running (concurrency forbid)", skipped.error());

        cluster.moveTimeTo("09:01:30");
        a.succeed(first);
        cluster.moveTimeTo("09:01:59.500");
        long third = b.tickClaimingOne();
        cluster.moveTimeTo("09:02:00");
        assertTrue(b.start(third), "nothing runs any more");
        assertEquals("1/0 success", cluster.counters("export"), "a skipped fire is neither a success nor an error");
    }

    @Test
    void ofTwoRunsOfAForbidJobDueTogetherTheOneClaimedFirstRunsWhicheverStartsFirst() {
        ClockNode a = cluster.node("a").up();
        cluster.job("report").schedule("@manually").concurrency("forbid").add();
        long first = a.runNow("report");
        long second = a.runNow("report");
        assertEquals(List.of(first, second), a.tick());
        assertFalse(a.start(second), "the run claimed before it counts as running");
        assertEquals("skipped: execution " + first + " of this job is still running (concurrency forbid)",
                cluster.run(second).error());
        assertTrue(a.start(first));
    }

    @Test
    void aRunQueuedWithConcurrencyAllowRunsBesideTheRunningOneOfAForbidJob() {
        ClockNode a = cluster.node("a").up();
        cluster.job("backup").schedule("@manually").concurrency("forbid").add();
        long first = a.runNow("backup");
        a.tick();
        assertTrue(a.start(first));

        cluster.moveTimeTo("09:00:00");
        long refused = a.runNow("backup");
        long bypass = a.runNow("backup", "allow");
        assertEquals(List.of(refused, bypass), a.tick());
        assertFalse(a.start(refused));
        assertTrue(a.start(bypass));
        assertEquals("running", cluster.run(first).status());
        assertEquals("running", cluster.run(bypass).status());
    }

    @Test
    void replaceAsksTheRunningRunToStopAndStarts() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("sync").schedule("@manually").concurrency("replace").add();
        long first = a.runNow("sync");
        a.tick();
        assertTrue(a.start(first));
        assertEquals(List.of(), a.askedToStop());

        cluster.moveTimeTo("09:00:00");
        long second = b.runNow("sync");
        assertEquals(List.of(second), b.tick());
        assertTrue(b.start(second));
        assertEquals(time("09:00:00"), cluster.run(first).cancelRequestedAt(), "the running one is asked to stop");
        assertEquals(List.of(first), a.askedToStop(), "its node sees it must stop it");
        assertEquals("running", cluster.run(second).status());
        assertNull(cluster.run(second).cancelRequestedAt());
    }

    @Test
    void aRunReplacedBeforeItStartedDoesNotStart() {
        ClockNode a = cluster.node("a").up();
        cluster.job("sync").schedule("@manually").concurrency("replace").add();
        long older = a.runNow("sync");
        long newer = a.runNow("sync");
        a.tick();
        assertTrue(a.start(newer));
        assertFalse(a.start(older));
        assertEquals("skipped: replaced by a newer run of this job before it started (concurrency replace)",
                cluster.run(older).error());
    }

    @Test
    void aGatedJobIsSkippedUntilTheJobItRequiresHasSucceeded() {
        ClockNode a = cluster.node("a").up();
        cluster.job("build").schedule("@manually").add();
        cluster.job("publish").schedule("@manually").requires("build").add();
        long early = a.runNow("publish");
        a.tick();
        assertFalse(a.start(early));
        assertEquals("gate: build has never succeeded", cluster.run(early).error());

        long build = a.runNow("build");
        a.tick();
        a.start(build);
        cluster.moveTimeTo("09:00:00");
        a.succeed(build);
        long later = a.runNow("publish");
        a.tick();
        assertTrue(a.start(later));
    }

    @Test
    void forbidRunsDueTogetherAreDecidedTogetherAsTheyWouldBeOneAfterTheOther() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        for (String job : List.of("export", "import", "report")) {
            cluster.job(job).schedule("@manually").concurrency("forbid").add();
        }
        long reportRunning = b.runNow("report");
        b.tick();
        assertTrue(b.start(reportRunning));

        cluster.moveTimeTo("09:00:00");
        long exportFirst = a.runNow("export");
        long exportSecond = a.runNow("export");
        long importOnly = a.runNow("import");
        long reportRefused = a.runNow("report");
        a.tick();
        Map<Long, Boolean> started = a.startTogether(exportSecond, reportRefused, importOnly, exportFirst);

        assertEquals(Map.of(exportFirst, true, exportSecond, false, importOnly, true, reportRefused, false), started);
        assertEquals("skipped: execution " + exportFirst + " of this job is still running (concurrency forbid)",
                cluster.run(exportSecond).error(), "of two runs of a job, the one claimed first starts");
        assertEquals("skipped: execution " + reportRunning + " of this job is still running (concurrency forbid)",
                cluster.run(reportRefused).error(), "a run on the other node counts");
        assertEquals(time("09:00:00"), cluster.run(exportFirst).startedAt());
        assertEquals(time("09:00:00"), cluster.run(importOnly).startedAt());

        cluster.moveTimeTo("09:00:30");
        a.succeed(exportFirst);
        long exportLater = a.runNow("export");
        a.tick();
        assertEquals(Map.of(exportLater, true), a.startTogether(exportLater), "once it ended, the next one starts");
    }
}
