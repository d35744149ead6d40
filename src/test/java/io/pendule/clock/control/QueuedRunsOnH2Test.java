package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Runs now (ExecutionQueue) on H2 with a moved clock: queued, they wake the clock and are claimed by its next tick. */
class QueuedRunsOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aRunNowIsQueuedWakesTheClockAndIsClaimedOnTheNextTick() {
        ClockNode a = cluster.node("a").up();
        cluster.job("deploy").schedule("@manually").add();
        assertNull(cluster.nextFire("deploy"), "a manual job never fires by itself");
        cluster.moveTimeTo("09:00:00.200");
        a.tick();
        assertEquals(time("09:00:01.200"), a.clockWakesAt(), "nothing due: it looks again within a second");

        long id = a.runNow("deploy");
        ClockFixture.Run queued = cluster.run(id);
        assertEquals("queued", queued.status());
        assertEquals("api", queued.trigger());
        assertEquals(id, queued.group());
        assertNull(queued.node());
        assertEquals(cluster.now(), a.clockWakesAt(), "the clock is woken at once");

        assertEquals(List.of(id), a.tick());
        ClockFixture.Run claimed = cluster.run(id);
        assertEquals("running", claimed.status());
        assertEquals("a", claimed.node());
        assertEquals(a.incarnation(), claimed.incarnation(), "held by a's process");
    }

    @Test
    void aRunNowOfAJobWithTagsWaitsForANodeWithThem() {
        ClockNode a = cluster.node("a").up();
        ClockNode gpu = cluster.node("gpu").tags("gpu=yes").up();
        cluster.job("train").schedule("@manually").tags("gpu=yes").add();
        long id = a.runNow("train");
        assertEquals(List.of(), a.tick());
        assertEquals("queued", cluster.run(id).status());
        assertEquals(List.of(id), gpu.tick());
        assertEquals("gpu", cluster.run(id).node());
    }
}
