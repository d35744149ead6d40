package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's life after its start, on H2 with a moved clock: a failed attempt is retried as a new execution of its group
 * after the job's delay (times its backoff), and a run whose node stopped renewing its lease is declared orphaned by
 * another node and retried per its job's policy.
 */
class RetriesAndOrphansOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aFailedAttemptIsRetriedAfterTheDelayTimesTheBackoffAndNotBefore() {
        ClockNode a = cluster.node("a").up();
        cluster.job("flaky").schedule("@manually").retries(2, "10s").add();
        long first = a.runNowAndStart("flaky");
        cluster.moveTimeTo("09:00:00");
        a.fail(first, "exit status 1");

        ClockFixture.Run second = cluster.runs("flaky").get(1);
        assertEquals("retry", second.trigger());
        assertEquals(2, second.attempt());
        assertEquals(first, second.group());
        assertEquals("queued", second.status());
        assertEquals(time("09:00:10"), second.notBefore(), "10 s after the failure");
        cluster.moveTimeTo("09:00:05");
        assertEquals(List.of(), a.tick(), "not before its time");
        cluster.moveTimeTo("09:00:10");
        assertEquals(List.of(second.id()), a.tick());

        a.start(second.id());
        cluster.moveTimeTo("09:00:12");
        a.fail(second.id(), "exit status 1");
        ClockFixture.Run third = cluster.runs("flaky").get(2);
        assertEquals(3, third.attempt());
        assertEquals(time("09:00:32"), third.notBefore(), "20 s after: the delay times the backoff (2)");
        cluster.moveTimeTo("09:00:20");
        assertEquals(List.of(), a.tick());
        cluster.moveTimeTo("09:00:32");
        assertEquals(List.of(third.id()), a.tick());
        a.start(third.id());
        a.fail(third.id(), "exit status 1");

        assertEquals(3, cluster.runs("flaky").size(), "2 retries, then no more: " + cluster.runs("flaky"));
        assertEquals(List.of("api", "retry", "retry"), cluster.runs("flaky").stream().map(ClockFixture.Run::trigger).toList());
        assertEquals("0/3 failed", cluster.counters("flaky"));
    }

    @Test
    void aRunWhoseNodeStoppedHeartbeatingIsOrphanedByAnotherNodeAfterTheLeaseAndItsGraceAndRetried() {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        cluster.job("nightly").schedule("@every 1h").retries(1, "10s").add();
        cluster.moveTimeTo("08:59:59.500");
        long run = a.tickClaimingOne();
        cluster.moveTimeTo("09:00:00");
        a.start(run);
        a.heartbeat();
        assertEquals(a.incarnation(), cluster.run(run).incarnation(), "held by a's process");

        // a stops heartbeating (lost, paused, killed): b, heartbeating every 5 s, orphans the run 30 s + 5 s of grace later
        a.pause();
        cluster.moveTimeTo("09:00:35");
        assertEquals("running", cluster.run(run).status(), "within the lease and its grace");
        cluster.moveTimeTo("09:00:36");
        b.heartbeat();
        ClockFixture.Run orphaned = cluster.run(run);
        assertEquals("orphaned", orphaned.status());
        assertEquals("lease expired: node a stopped renewing", orphaned.error());
        assertEquals(time("09:00:36"), orphaned.finishedAt());

        ClockFixture.Run retry = cluster.runs("nightly").get(1);
        assertEquals("retry", retry.trigger());
        assertEquals(2, retry.attempt());
        assertEquals(run, retry.group());
        assertEquals(time("09:00:46"), retry.notBefore());
        cluster.moveTimeTo("09:00:46");
        assertEquals(List.of(retry.id()), b.tick());
        assertEquals("b", cluster.run(retry.id()).node());

        a.resume();
        a.succeed(run);
        assertEquals("orphaned", cluster.run(run).status(), "a's late result is not written over the orphaning");
    }

    @Test
    void aNodeKilledAndRestartedTakesItsNameOnceTheOldProcessIsSilentForALeaseAndOrphansWhatItLeftRunning() {
        ClockNode a = cluster.node("a").up();
        cluster.job("long").schedule("@manually").add();
        long run = a.runNowAndStart("long");
        a.close();

        cluster.moveTimeTo("09:00:00");
        ClockNode restarted = cluster.node("a").up();
        assertTrue(restarted.refusal().isPresent(), "the old process heartbeated 2 s ago: it may be alive");
        assertEquals("running", cluster.run(run).status());

        cluster.moveTimeTo("09:00:35");
        assertEquals(Optional.empty(), restarted.refusal(), "silent for a lease: the name is free");
        ClockFixture.Run orphaned = cluster.run(run);
        assertEquals("orphaned", orphaned.status());
        assertEquals("node a restarted while this execution was running", orphaned.error());
        assertEquals(1, cluster.runs("long").size(), "no retries: none were asked for");
    }

    @Test
    void aNodeStoppedGracefullyLetsItsNameGoAndRestartsAtOnce() {
        ClockNode a = cluster.node("a").up();
        cluster.job("long").schedule("@manually").add();
        long run = a.runNowAndStart("long");
        a.stopGracefully();

        cluster.moveTimeTo("09:00:00");
        ClockNode restarted = cluster.node("a").up();
        assertEquals(Optional.empty(), restarted.refusal());
        assertEquals("orphaned", cluster.run(run).status(), "it outlived the drain");
    }
}
