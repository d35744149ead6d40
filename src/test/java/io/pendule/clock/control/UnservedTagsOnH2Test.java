package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A job tagged for a zone no node serves: its fires wait in the queue, and must not keep the other runs out of it. */
class UnservedTagsOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void firesNoNodeCanTakeDoNotKeepARunNowOutOfTheQueue() {
        ClockNode a = cluster.node("a").capacity(10).up();
        cluster.job("elsewhere").schedule("@every 1s").tags("zone=absent").add();
        cluster.job("deploy").schedule("@manually").add();
        for (int second = 0; second < 30; second++) {
            cluster.moveTime(Duration.ofSeconds(1));
            assertEquals(List.of(), a.tick(), "no node serves zone=absent");
        }
        assertEquals(30, cluster.fires("elsewhere", "queued").size(), "its fires wait for a node in zone=absent");

        long id = a.runNow("deploy");
        assertEquals(List.of(id), a.tick(), "the run now starts at once, whatever waits before it in the queue");
        assertEquals("running", cluster.run(id).status());
    }

    @Test
    void theQueueFilterKeepsDkronCountsAndTagsOfOtherNodesApart() {
        ClockNode a = cluster.node("a").up();
        ClockNode gpu = cluster.node("gpu").tags("gpu=yes,zone=eu").up();
        cluster.job("train").schedule("@manually").tags("gpu=yes:2").add();
        cluster.job("elsewhere").schedule("@manually").tags("gpu=yes,zone=us").add();
        long train = a.runNow("train");
        long elsewhere = a.runNow("elsewhere");
        assertEquals(List.of(), a.tick());
        assertEquals(List.of(train), gpu.tick());
        assertEquals("queued", cluster.run(elsewhere).status());
    }
}
