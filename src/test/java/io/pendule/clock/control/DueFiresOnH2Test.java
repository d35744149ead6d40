package io.pendule.clock.control;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Due fires on H2 with a moved clock: what one tick of a node's clock fires and claims, on one node and on two, within
 * each node's capacity and tags.
 */
class DueFiresOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aDueJobFiresOnceForItsInstantAndItsNextFireMovesOn() {
        ClockNode a = cluster.node("a").up();
        cluster.job("report").schedule("@every 1m").add();
        assertEquals(time("09:00:00"), cluster.nextFire("report"));

        assertEquals(List.of(), a.tick(), "not due within the clock's second of look-ahead yet");
        cluster.moveTimeTo("08:59:59.500");
        List<Long> claimed = a.tick();
        assertEquals(1, claimed.size(), "claimed half a second ahead, to start on the instant");
        assertEquals(List.of(), a.tick(), "a second tick finds nothing more for that instant");

        ClockFixture.Run fire = cluster.run(claimed.get(0));
        assertEquals("running", fire.status());
        assertEquals("schedule", fire.trigger());
        assertEquals(time("09:00:00"), fire.fireAt());
        assertEquals(time("09:00:00"), fire.notBefore(), "it starts on its instant");
        assertEquals("a", fire.node());
        assertEquals(a.incarnation(), fire.incarnation(), "held by a's process, as long as it heartbeats");
        assertEquals(time("09:01:00"), cluster.nextFire("report"));
        assertEquals(1, cluster.runs("report").size(), cluster.runs("report").toString());
    }

    @Test
    void aTickFiresEachInstantDueOnceWhateverTheNumberOfTicks() {
        ClockNode a = cluster.node("a").up();
        cluster.job("every-second").schedule("@every 1s").add();
        for (int tick = 0; tick < 40; tick++) {
            a.tick();
            cluster.moveTime(Duration.ofMillis(250));
        }
        // from 08:59:58 to 09:00:08, ticks every 250 ms claim a second ahead: 08:59:59 to 09:00:08
        assertEquals(10, cluster.runs("every-second").size(), cluster.runs("every-second").toString());
        assertEquals(10, cluster.fires("every-second", "running").stream().distinct().count());
        assertEquals(time("09:00:09"), cluster.nextFire("every-second"));
    }

    @Test
    void twoNodesTickingTogetherNeverClaimTheSameFire() throws Exception {
        ClockNode a = cluster.node("a").up();
        ClockNode b = cluster.node("b").up();
        for (int i = 0; i < 200; i++) {
            cluster.job("job-" + i).schedule("@every 1m").add();
        }
        cluster.moveTimeTo("08:59:59.500");
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> ticks = new ArrayList<>();
            for (ClockNode node : List.of(a, b)) {
                Callable<List<Long>> tick = () -> {
                    ready.countDown();
                    ready.await();
                    return node.tick();
                };
                ticks.add(both.submit(tick));
            }
            List<Long> byA = ticks.get(0).get();
            List<Long> byB = ticks.get(1).get();
            Set<Long> all = new HashSet<>(byA);
            all.addAll(byB);
            assertEquals(200, byA.size() + byB.size(), "a claimed " + byA.size() + ", b " + byB.size());
            assertEquals(200, all.size(), "no fire claimed by both");
        } finally {
            both.shutdownNow();
        }
        for (int i = 0; i < 200; i++) {
            List<ClockFixture.Run> runs = cluster.runs("job-" + i);
            assertEquals(1, runs.size(), runs.toString());
            assertEquals("running", runs.get(0).status());
            assertTrue(Set.of("a", "b").contains(runs.get(0).node()), runs.toString());
        }
    }

    @Test
    void aNodeAtCapacityQueuesAsManyFiresAheadAsTheQueuesBoundAndLeavesTheOthersDue() {
        ClockNode a = cluster.node("a").capacity(1).queueAhead(1).up();
        ClockNode b = cluster.node("b").up();
        List<String> jobs = List.of("x", "y", "z");
        jobs.forEach(job -> cluster.job(job).schedule("@every 1m").add());
        cluster.moveTimeTo("08:59:59.500");

        assertEquals(1, a.tick().size(), "a holds one run at most");
        List<ClockFixture.Run> fires = new ArrayList<>();
        jobs.forEach(job -> fires.addAll(cluster.runs(job)));
        assertEquals(List.of("queued", "running"), fires.stream().map(ClockFixture.Run::status).sorted().toList(),
                "one run for a, one queued ahead (the queue's bound), nothing more: " + fires);
        assertEquals(1, jobs.stream().filter(job -> cluster.nextFire(job).equals(time("09:00:00"))).count(),
                "the third job is left due, unfired");

        assertEquals(2, b.tick().size(), "b claims the queued run and fires the job a left due");
        for (String job : jobs) {
            ClockFixture.Run fire = cluster.runs(job).get(0);
            assertEquals("running", fire.status(), fire.toString());
            assertEquals(time("09:00:00"), fire.notBefore());
        }
        assertEquals(List.of(), a.tick(), "a is still full");
    }

    @Test
    void aFullNodeClaimsTheRunsItQueuedAheadFirstWhenRoomFreesAndQueuesMoreUpToTheBound() {
        ClockNode a = cluster.node("a").capacity(2).queueAhead(2).up();
        List<String> jobs = List.of("j1", "j2", "j3", "j4", "j5", "j6");
        jobs.forEach(job -> cluster.job(job).schedule("@every 1m").add());
        cluster.moveTimeTo("08:59:59.500");

        List<Long> first = a.tick();
        assertEquals(2, first.size(), "its capacity");
        List<Long> queued = waiting(jobs);
        assertEquals(2, queued.size(), "as many queued ahead as the bound");

        cluster.moveTimeTo("09:00:00");
        a.start(first.get(0));
        a.succeed(first.get(0));
        List<Long> next = a.tick();
        assertEquals(1, next.size(), "room for one run");
        assertTrue(queued.contains(next.get(0)), "the run queued ahead, not a new fire: " + next + " of " + queued);
        assertEquals(2, waiting(jobs).size(), "the queue is filled up to its bound again");
        assertEquals(1, jobs.stream().filter(job -> cluster.runs(job).isEmpty()).count(), "one job still due, unfired");
    }

    private List<Long> waiting(List<String> jobs) {
        return jobs.stream().flatMap(job -> cluster.runs(job).stream())
                .filter(run -> run.status().equals("queued")).map(ClockFixture.Run::id).toList();
    }

    @Test
    void whenNoNodeHasRoomNorQueueRoomFiresWaitUnfiredThenTheMisfirePolicyAccountsForEachOne() {
        ClockNode a = cluster.node("a").capacity(1).queueAhead(0).misfireThreshold("1s").up();
        cluster.job("first").schedule("@every 1m").add();
        cluster.moveTimeTo("08:59:59.500");
        long busy = a.tick().get(0);
        cluster.job("waiting").schedule("@every 1m").add();

        cluster.moveTimeTo("09:03:00.200");
        assertEquals(List.of(), a.tick(), "a is full");
        assertEquals(List.of(), cluster.runs("waiting"), "nothing is fired, nor queued, while no node has room");

        a.start(busy);
        a.succeed(busy);
        List<Long> claimed = a.tick();
        assertEquals(1, claimed.size(), "room for one run");
        assertEquals(hours("09:02"), cluster.fires("waiting", "running"), "the latest fire late beyond the threshold");
        assertEquals(hours("09:00", "09:01"), cluster.fires("waiting", "missed"), "the others are recorded, with why");
        assertTrue(cluster.runs("waiting").get(0).error().contains("overloaded"), cluster.runs("waiting").toString());
        assertEquals(time("09:03:00"), cluster.nextFire("waiting"));
    }

    private static List<java.time.Instant> hours(String... hhmm) {
        return java.util.Arrays.stream(hhmm).map(t -> time(t + ":00")).toList();
    }

    @Test
    void aJobWithTagsRunsOnlyOnANodeWithThem() {
        ClockNode lyon = cluster.node("lyon").tags("dc=lyon").up();
        ClockNode paris = cluster.node("paris").tags("dc=paris,disk=ssd").up();
        cluster.job("paris-only").schedule("@every 1m").tags("dc=paris").add();
        cluster.moveTimeTo("08:59:59.500");

        assertEquals(List.of(), lyon.tick(), "lyon fires it but may not run it");
        ClockFixture.Run fire = cluster.runs("paris-only").get(0);
        assertEquals("queued", fire.status(), fire.toString());

        assertEquals(List.of(fire.id()), paris.tick());
        assertEquals("paris", cluster.run(fire.id()).node());
        assertEquals("running", cluster.run(fire.id()).status());
    }
}
