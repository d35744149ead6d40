package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The misfire policies on H2 with a moved clock: an hourly job's cluster was down from 05:00 to 10:00:03 (no clock
 * ticked), with a misfire threshold of 1 s as in ClockPoliciesOnPostgresIT, so that the fires 05:00 to 10:00 are all
 * late when the clock ticks again. The figures are those of docs/scheduling.md.
 */
class MisfirePoliciesOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("04:59:30");

    private ClockNode afterTheOutage(ClockFixture.JobSetup job) {
        ClockNode a = cluster.node("a").misfireThreshold("1s").up();
        job.schedule("@every 1h").add();
        cluster.moveTimeTo("10:00:03");
        return a;
    }

    private static List<Instant> hours(String... hhmm) {
        return java.util.Arrays.stream(hhmm).map(t -> time(t + ":00")).toList();
    }

    @Test
    void skipRunsNoneOfTheMissedFiresAndRecordsEachMissed() {
        ClockNode a = afterTheOutage(cluster.job("skip").misfirePolicy("skip"));
        assertEquals(List.of(), a.tick());
        List<ClockFixture.Run> runs = cluster.runs("skip");
        assertEquals(hours("05:00", "06:00", "07:00", "08:00", "09:00", "10:00"), cluster.fires("skip", "missed"), runs.toString());
        assertEquals(6, runs.size());
        String error = runs.get(0).error();
        assertTrue(error.startsWith("missed: no node fired it between its time and 2030-01-07T10:00:03Z"), error);
        assertTrue(error.endsWith("misfire_policy skip"), error);
        assertEquals(time("10:00:03"), runs.get(0).finishedAt());
        assertEquals(time("11:00:00"), cluster.nextFire("skip"), "the schedule goes on from the present");
    }

    @Test
    void fireOnceRunsTheLatestMissedFireOnceAndRecordsTheOthersMissed() {
        ClockNode a = afterTheOutage(cluster.job("once"));
        assertEquals(1, a.tick().size());
        assertEquals(hours("10:00"), cluster.fires("once", "running"), "fire_once is the default");
        assertEquals(hours("05:00", "06:00", "07:00", "08:00", "09:00"), cluster.fires("once", "missed"));
        String error = cluster.runs("once").get(0).error();
        assertTrue(error.endsWith("misfire_policy fire_once runs only the latest missed fire, 2030-01-07T10:00:00Z"), error);
        assertEquals(time("11:00:00"), cluster.nextFire("once"));
    }

    @Test
    void catchUpRunsTheLatestMisfireMaxFiresAndSumsUpTheOlderOnesInOneRow() {
        ClockNode a = afterTheOutage(cluster.job("catch-up").misfirePolicy("catch_up").misfireMax(3));
        assertEquals(3, a.tick().size());
        assertEquals(hours("08:00", "09:00", "10:00"), cluster.fires("catch-up", "running"), "oldest first, all at once");
        assertEquals(hours("05:00"), cluster.fires("catch-up", "missed"), "one row for the older ones");
        String summary = cluster.runs("catch-up").stream().filter(r -> r.status().equals("missed")).findFirst().orElseThrow().error();
        assertTrue(summary.startsWith("missed: 3 fires from 2030-01-07T05:00:00Z to 2030-01-07T07:00:00Z, none fired by "
                + "2030-01-07T10:00:03Z"), summary);
        assertEquals(4, cluster.runs("catch-up").size());
    }

    @Test
    void aStartingDeadlineMissesTheFireFireOnceWouldHaveRun() {
        ClockNode a = afterTheOutage(cluster.job("deadline").startingDeadline("1s"));
        assertEquals(List.of(), a.tick());
        assertEquals(6, cluster.fires("deadline", "missed").size(), cluster.runs("deadline").toString());
        String late = cluster.runs("deadline").stream().filter(r -> r.fireAt().equals(time("10:00:00"))).findFirst()
                .orElseThrow().error();
        assertEquals("missed: not started within its starting_deadline (1s) of its time: found 3s late", late);
    }

    @Test
    void aFireFoundLateButWithinTheThresholdStillRunsLate() {
        ClockNode a = cluster.node("a").up();
        cluster.job("hourly").schedule("@every 1h").add();
        cluster.moveTimeTo("05:00:40");
        assertEquals(1, a.tick().size(), "40 s late is under the default threshold of 60 s");
        assertEquals(hours("05:00"), cluster.fires("hourly", "running"));
        assertEquals(List.of(), cluster.fires("hourly", "missed"));
        ClockFixture.Run late = cluster.runs("hourly").get(0);
        assertEquals(time("05:00:00"), late.notBefore(), "due since its instant: it starts at once");
        assertEquals(a.incarnation(), late.incarnation());
    }

    @Test
    void twoNodesFindingTheSameLateJobRecordItsMissedFiresOnce() {
        ClockNode a = cluster.node("a").misfireThreshold("1s").up();
        ClockNode b = cluster.node("b").misfireThreshold("1s").up();
        cluster.job("once").schedule("@every 1h").add();
        cluster.moveTimeTo("10:00:03");
        a.tick();
        b.tick();
        assertEquals(6, cluster.runs("once").size(), cluster.runs("once").toString());
    }
}
