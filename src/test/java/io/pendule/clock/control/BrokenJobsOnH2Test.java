package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job whose row stops parsing (its schedule, its stored JSON) is recorded and shown broken, and the others go on
 * firing: it neither goes quiet nor rolls back the batch it came in.
 */
class BrokenJobsOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aScheduleThatNoLongerParsesIsRecordedAndShownAndTheOthersFire() {
        ClockNode a = cluster.node("a").up();
        cluster.job("good").schedule("@every 1s").add();
        cluster.job("bad").schedule("@every 1s").add();
        cluster.changeJobRow("bad", "schedule", "x");
        cluster.moveTime(Duration.ofSeconds(1));
        assertEquals(1, a.tick().size(), "the good job fires");

        ClockFixture.Run missed = single(cluster.runs("bad"));
        assertEquals("missed", missed.status());
        assertTrue(missed.error().contains("broken") && missed.error().contains("schedule does not parse"), missed.error());
        assertTrue(cluster.broken("bad").startsWith("schedule does not parse"), cluster.broken("bad"));
        assertNull(cluster.nextFire("bad"), "out of the due set, once recorded");
        cluster.moveTime(Duration.ofSeconds(1));
        assertEquals(1, a.tick().size());
        assertEquals(1, cluster.runs("bad").size(), "recorded once, not every tick");
    }

    @Test
    void storedTagsThatAreNoJsonMapDoNotRollTheBatchBack() {
        ClockNode a = cluster.node("a").up();
        cluster.job("good").schedule("@every 1s").add();
        cluster.job("bad").schedule("@every 1s").add();
        cluster.changeJobRow("bad", "tags", "{");
        cluster.moveTime(Duration.ofSeconds(1));
        assertEquals(1, a.tick().size(), "the good job fires in the same batch");
        assertEquals(1, cluster.fires("good", "running").size());
        assertEquals("missed", single(cluster.runs("bad")).status());
        assertTrue(cluster.broken("bad").contains("not a JSON map"), cluster.broken("bad"));
    }

    @Test
    void aQueuedRunOfAJobWithBadExecutorConfigFailsAndTheQueueGoesOn() {
        ClockNode a = cluster.node("a").up();
        cluster.job("deploy").schedule("@manually").add();
        cluster.job("bad").schedule("@manually").add();
        long bad = a.runNow("bad");
        long deploy = a.runNow("deploy");
        cluster.changeJobRow("bad", "executor_config", "[1, 2]");
        assertEquals(List.of(deploy), a.tick());
        ClockFixture.Run failed = cluster.run(bad);
        assertEquals("failed", failed.status());
        assertTrue(failed.error().contains("broken") && failed.error().contains("not a JSON map"), failed.error());
        assertTrue(cluster.broken("bad").contains("executor_config"), cluster.broken("bad"));
    }

    private static ClockFixture.Run single(List<ClockFixture.Run> runs) {
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0);
    }
}
