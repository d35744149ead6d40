package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void firesNoLiveNodeServesExpireByTheMisfirePolicyInsteadOfPilingUp() {
        ClockNode a = cluster.node("a").up();
        cluster.job("elsewhere").schedule("@every 1s").tags("zone=absent").misfirePolicy("skip").add();
        cluster.job("kept").schedule("@every 1s").tags("zone=absent").add();
        for (int second = 0; second < 180; second++) {
            cluster.moveTime(Duration.ofSeconds(1));
            a.heartbeat();
            a.tick();
        }
        List<Instant> queued = cluster.fires("elsewhere", "queued");
        assertTrue(queued.size() <= 61 + UnservedFires.EVERY.toSeconds(), "bounded by the threshold: " + queued.size());
        assertTrue(queued.get(0).isAfter(cluster.now().minusSeconds(61 + UnservedFires.EVERY.toSeconds())), queued.get(0).toString());
        List<ClockFixture.Run> missed = cluster.runs("elsewhere").stream().filter(r -> r.status().equals("missed")).toList();
        assertEquals(180, missed.size() + queued.size(), "every fire accounted for");
        assertTrue(missed.get(0).error().startsWith("missed: no live node serves tags zone=absent"), missed.get(0).error());
        assertEquals(queued.size(), cluster.fires("kept", "queued").size(), "fire_once keeps the latest queued, already among the recent");
    }

    @Test
    void aFireALiveNodeServesIsLeftQueued() {
        ClockNode a = cluster.node("a").capacity(1).up();
        cluster.job("busy").schedule("@every 1s").add();
        for (int second = 0; second < 90; second++) {
            cluster.moveTime(Duration.ofSeconds(1));
            a.heartbeat();
            a.tick();
        }
        assertEquals(List.of(), cluster.fires("busy", "missed"), "late for a busy node is not unserved");
    }
}
