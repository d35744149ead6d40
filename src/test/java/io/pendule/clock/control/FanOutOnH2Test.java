package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job whose run fans out (a pack job: one execution per endpoint its pack is activated on): each fire, run now and
 * retry is one execution per target, in one group, inserted once whichever nodes fire it; its concurrency policy holds
 * per target; its limit of targets at once holds across the cluster. On H2 with a moved clock.
 */
class FanOutOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    private static String targets(String targets) {
        return "{\"targets\":\"" + targets + "\"}";
    }

    private List<String> targetsOf(List<ClockFixture.Run> runs) {
        return runs.stream().map(ClockFixture.Run::target).toList();
    }

    @Test
    void aFireIsOneExecutionPerTargetInOneGroupWhicheverNodesFireIt() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("cpu").schedule("@every 1m").executor(TargetsExecutor.NAME, targets("db1,db2,db3")).add();
        cluster.moveTimeTo("08:59:59.500");

        int claimed = a.tick().size() + b.tick().size();

        List<ClockFixture.Run> runs = cluster.runs("cpu");
        assertEquals(List.of("db1", "db2", "db3"), targetsOf(runs), runs.toString());
        assertEquals(Set.of(runs.get(0).id()), Set.copyOf(runs.stream().map(ClockFixture.Run::group).toList()));
        assertTrue(runs.stream().allMatch(r -> r.fireAt().equals(time("09:00:00"))), runs.toString());
        assertEquals(3, claimed);
    }

    @Test
    void aRunWithNothingToRunAgainstIsRecordedSkippedOnceWithWhy() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("idle").schedule("@every 1m").executor(TargetsExecutor.NAME, targets("")).add();
        cluster.moveTimeTo("08:59:59.500");
        assertEquals(List.of(), a.tick());
        assertEquals(List.of(), b.tick());

        List<ClockFixture.Run> runs = cluster.runs("idle");
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(List.of("skipped", "skipped: no endpoint is activated", ""),
                List.of(runs.get(0).status(), runs.get(0).error(), runs.get(0).target()));
    }

    @Test
    void aRunNowAgainstSomeTargetsRunsAgainstThoseOfTheRunsOnly() {
        ClockNode a = cluster.node("a").up();
        cluster.job("disk").schedule("@manually").executor(TargetsExecutor.NAME, targets("db1,db2")).add();

        long chosen = a.runNowAgainst("disk", Set.of("db2", "db9"));
        long none = a.runNowAgainst("disk", Set.of("db9"));

        assertEquals(List.of("queued", "db2"), List.of(cluster.run(chosen).status(), cluster.run(chosen).target()));
        assertEquals("skipped", cluster.run(none).status());
        assertEquals("skipped: none of the targets asked for is among the run's: db1, db2", cluster.run(none).error());
        assertEquals(2, cluster.runs("disk").size());
    }

    @Test
    void aFailedTargetIsRetriedAloneInItsGroup() {
        ClockNode a = cluster.node("a").up();
        cluster.job("rules").schedule("@manually").executor(TargetsExecutor.NAME, targets("db1,db2")).retries(1, "0s").add();
        long group = a.runNow("rules");
        List<Long> ids = a.tick();
        assertEquals(2, ids.size());
        ids.forEach(id -> assertTrue(a.start(id)));
        a.succeed(ids.get(0));
        a.fail(ids.get(1), "boom");

        List<ClockFixture.Run> runs = cluster.runs("rules");
        assertEquals(3, runs.size(), runs.toString());
        ClockFixture.Run retry = runs.get(2);
        assertEquals(List.of("retry", 2, "db2", group), List.of(retry.trigger(), retry.attempt(), retry.target(), retry.group()));
    }

    @Test
    void forbidHoldsPerTarget() {
        ClockNode a = cluster.node("a").up();
        cluster.job("fb").schedule("@manually").concurrency("forbid").executor(TargetsExecutor.NAME, targets("db1,db2")).add();
        a.runNow("fb");
        List<Long> first = a.tick();
        first.forEach(id -> assertTrue(a.start(id)));
        a.succeed(first.get(1));

        a.runNow("fb");
        List<Long> second = a.tick();
        assertFalse(a.start(second.get(0)), "db1's first run goes on");
        assertEquals("skipped: execution " + first.get(0) + " of this job is still running (concurrency forbid)",
                cluster.run(second.get(0)).error());
        assertTrue(a.start(second.get(1)), "db2's first run is over");
    }

    @Test
    void aRunBeyondItsJobsLimitOfTargetsAtOnceWaitsForASlotOnAnyNode() {
        ClockNode a = cluster.node("a").capacity(1).up();
        ClockNode b = cluster.node("b").up();
        cluster.job("slow").schedule("@manually")
                .executor(TargetsExecutor.NAME, "{\"targets\":\"db1,db2\",\"at_once\":\"1\"}").add();
        a.runNow("slow");
        long onA = a.tick().get(0);
        long onB = b.tick().get(0);
        assertTrue(a.start(onA));

        assertFalse(b.start(onB), "one target at once");
        assertEquals("running", cluster.run(onB).status());
        assertNull(cluster.run(onB).startedAt());
        assertNull(cluster.run(onB).error());

        a.succeed(onA);
        assertTrue(b.start(onB));
    }

    @Test
    void aRunOnTwoNodesIsTwoNodeSlotsThatTwoNodesTakeOneEach() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("everywhere").schedule("@every 1m").tags("role=pendule:2").add();
        cluster.moveTimeTo("08:59:59.500");

        List<Long> onA = a.tick();
        List<Long> onB = b.tick();

        assertEquals(List.of("#1", "#2"), targetsOf(cluster.runs("everywhere")));
        assertEquals(1, onA.size(), "a node takes one slot of a run");
        assertEquals(1, onB.size());
    }

    @Test
    void aRunOnTwoNodesGoesInTurnOnOneNodeAlone() {
        ClockNode a = cluster.node("a").up();
        cluster.job("everywhere").schedule("@manually").tags("role=pendule:2").add();
        a.runNow("everywhere");
        List<Long> first = a.tick();
        assertEquals(1, first.size());
        assertTrue(a.start(first.get(0)));
        assertEquals(List.of(), a.tick(), "its other slot waits while this node runs one");

        a.succeed(first.get(0));
        List<Long> second = a.tick();
        assertEquals(1, second.size());
        assertEquals("#2", cluster.run(second.get(0)).target());
    }
}
