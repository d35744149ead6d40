package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cluster's scheduler pause (SchedulerSwitch) on H2 with a moved clock: while paused no clock fires a job nor
 * claims a queued run, and it looks at the setting again a second later; on resume the queued runs are claimed and
 * the job's misfire policy deals with the fires of the pause.
 */
class SchedulerPauseOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aPausedSchedulerFiresNothingAndClaimsNothingUntilResumed() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("minutely").schedule("@every 1m").add();
        cluster.moveTimeTo("08:59:59.500");
        long before = a.tick().get(0);
        cluster.moveTimeTo("09:00:00");
        a.start(before);
        a.succeed(before);

        b.pauseScheduler();
        long manual = a.runNow("minutely");
        for (int minute = 1; minute <= 5; minute++) {
            cluster.moveTimeTo("09:0" + minute + ":00");
            assertEquals(List.of(), a.tick(), "paused, at minute " + minute);
            assertEquals(cluster.now().plus(Duration.ofSeconds(1)), a.clockWakesAt(), "it looks again a second later");
        }
        assertEquals(List.of(before, manual), cluster.runs("minutely").stream().map(ClockFixture.Run::id).toList());
        assertEquals("queued", cluster.run(manual).status(), "a run now waits while paused");
        assertEquals(time("09:01:00"), cluster.nextFire("minutely"));

        cluster.moveTimeTo("09:05:30");
        b.resumeScheduler();
        assertEquals(2, a.tick().size(), "the latest fire of the pause and the queued run");
        assertEquals("running", cluster.run(manual).status());
        // 09:01 to 09:04 were found more than the misfire threshold (60 s) late: fire_once runs the latest of them
        assertEquals(List.of(time("09:01:00"), time("09:02:00"), time("09:03:00")), cluster.fires("minutely", "missed"));
        assertEquals(List.of(time("09:04:00")), cluster.fires("minutely", "running"));
        assertEquals(1, a.tick().size(), "09:05, late by less than the threshold, runs");
        assertEquals(List.of(time("09:04:00"), time("09:05:00")), cluster.fires("minutely", "running"));
    }
}
