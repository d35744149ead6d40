package io.pendule.clock.control;

import io.pendule.executors.control.JobExecutor;
import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a node does when something fails under a run: a result the database refuses, an executor or a tick that
 * throws an {@link Error}, a start check whose connection is lost. On H2 with the faults injected into the node's connections.
 */
class FaultsOnH2Test {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    /** Failed before the fix: the refused batch was tried again forever, and nothing after it was written. */
    @Test
    void aResultTheDatabaseRefusesIsStoredWithoutItsOutputAndTheNodeGoesOnRecording() {
        ClockNode a = cluster.node("a").through(FaultyDatabase.refusingText("POISON")).up();
        cluster.job("binary").schedule("@manually").add();
        cluster.job("echo").schedule("@manually").add();
        long refused = a.runNow("binary");
        long fine = a.runNow("echo");
        a.tick();
        a.start(refused);
        a.start(fine);

        a.succeed(refused, "POISON");
        a.succeed(fine, "ok");

        ClockFixture.Run run = cluster.run(refused);
        assertEquals("succeeded", run.status());
        assertEquals("result could not be stored, its output and error are dropped: database error (SQLState 22021)", run.error());
        assertEquals("1/0 success", cluster.counters("binary"));
        assertEquals("succeeded", cluster.run(fine).status());
        assertEquals("1/0 success", cluster.counters("echo"));
    }

    /** Failed before the fix: the Error ended the start task silently, the room stayed taken and the row running. */
    @Test
    void anExecutorThrowingAnErrorFailsTheRunAndGivesItsRoomBack() throws Exception {
        ClockNode clock = cluster.node("a").up();
        cluster.job("crash").schedule("@manually").executor("crashing").add();
        long id = clock.runNow("crash");
        clock.tick();
        try (RunnerNode runner = cluster.runner("a", UnaryOperator.identity(), new Crashing())) {
            runner.start(clock.handOver(id));

            ClockFixture.Run run = ended(id);
            assertEquals("failed", run.status());
            assertEquals("could not start: java.lang.StackOverflowError: executor crashed", run.error());
            assertFalse(runner.full(), "its room is given back");
        }
    }

    @Test
    void aConcurrencyCheckWhoseConnectionWasLostIsMadeAgainAndTheRunStarts() throws Exception {
        ClockNode clock = cluster.node("a").up();
        cluster.job("export").schedule("@manually").concurrency("forbid").executor("fine").add();
        long id = clock.runNow("export");
        clock.tick();
        AtomicInteger losses = new AtomicInteger(2);
        try (RunnerNode runner = cluster.runner("a", FaultyDatabase.losingConnection("FOR UPDATE", losses), new Fine())) {
            runner.start(clock.handOver(id));

            assertEquals("succeeded", ended(id).status());
            assertTrue(losses.get() < 0, "the check was made 3 times");
        }
    }

    /** Failed before the fix: the run was recorded skipped, not retried. */
    @Test
    void aConcurrencyCheckThatKeepsFailingFailsTheRunWhichTheJobRetries() throws Exception {
        ClockNode clock = cluster.node("a").up();
        cluster.job("export").schedule("@manually").concurrency("forbid").executor("fine").retries(1, "1m").add();
        long id = clock.runNow("export");
        clock.tick();
        try (RunnerNode runner = cluster.runner("a", FaultyDatabase.losingConnection("FOR UPDATE", new AtomicInteger(100)), new Fine())) {
            runner.start(clock.handOver(id));

            ClockFixture.Run run = ended(id);
            assertEquals("failed", run.status());
            assertTrue(run.error().startsWith("its concurrency policy (forbid) could not be checked: database: An I/O error"),
                    run.error());
            runner.written(PATIENCE);
            List<String> attempts = cluster.runs("export").stream().map(r -> r.attempt() + " " + r.status()).toList();
            assertEquals(List.of("1 failed", "2 queued"), attempts, "the job's retry follows");
        }
    }

    /** Failed before the fix: the Error went through the tick, which armed no timer and kept its room. */
    @Test
    void aTickThatMeetsAnErrorArmsTheClockAgainAndGivesItsRoomBack() {
        ClockNode a = cluster.node("a").capacity(1)
                .through(FaultyDatabase.throwing("SKIP LOCKED", new AtomicInteger(1), () -> new StackOverflowError("deep"))).up();
        cluster.job("report").schedule("@manually").add();
        long id = a.runNow("report");

        AssertionError failed = assertThrows(AssertionError.class, a::tick);
        assertTrue(failed.getMessage().endsWith("Clock tick failed, trying again in 1000 ms: deep"), failed.getMessage());
        assertEquals(cluster.now().plusSeconds(1), a.clockWakesAt(), "the clock wakes up again");
        assertEquals(List.of(id), a.tick(), "the room of the failed tick is free again");
    }

    /** Failed before the fix: the late answer started the run, and a node without its lease called the job. */
    @Test
    void aConcurrencyCheckAnsweredAfterTheNodeLostItsLeaseCallsNothing() throws Exception {
        ClockNode a = cluster.node("a").up();
        cluster.job("export").schedule("@manually").concurrency("forbid").executor("fine").add();
        long id = a.runNow("export");
        a.tick();
        Fine fine = new Fine();
        Runnable cutOffPastTheLease = () -> {
            a.pause(); // its heartbeats fail meanwhile
            cluster.moveTime(Duration.ofSeconds(31));
        };
        try (RunnerNode runner = cluster.runner("a", FaultyDatabase.answeringLate(LOCK_JOB, cutOffPastTheLease), fine)) {
            runner.start(a.handOver(id));

            ClockFixture.Run run = ended(id);
            assertEquals(0, fine.calls.get(), "the job is not called");
            assertEquals("orphaned", run.status(), "nobody else orphaned it: the node records why it did not run");
            assertEquals("stopped: its node lost its lease (no successful heartbeat for 30 s)", run.error());
        }
    }

    /** Failed before the fix: the check marked the orphaned run started and the node ran it beside its retry. */
    @Test
    void aConcurrencyCheckAnsweredAfterTheRunWasOrphanedStartsNothing() {
        ClockNode[] a = new ClockNode[1];
        ClockNode[] b = new ClockNode[1];
        a[0] = cluster.node("a").through(FaultyDatabase.answeringLate(LOCK_JOB, () -> {
            a[0].pause(); // its heartbeats fail meanwhile
            cluster.moveTimeTo("09:00:36");
            b[0].heartbeat(); // a's lease ran out: b orphans its run
        })).up();
        b[0] = cluster.node("b").up();
        cluster.job("export").schedule("@manually").concurrency("forbid").add();
        long id = a[0].runNow("export");
        a[0].tick();

        assertFalse(a[0].start(id), "its row is no longer a's: it does not start");
        ClockFixture.Run run = cluster.run(id);
        assertEquals("orphaned", run.status(), "the orphan's record stands");
        assertEquals(null, run.startedAt(), "no start is written over it");
    }

    /** Failed before the fix: the lease was acted on only by the look, which waited on the cut network. */
    @Test
    void aNodeCutOffStopsWhatItRunsOnceItsLeaseIsLostThoughItsLookWaitsOnTheDatabase() throws Exception {
        ClockNode[] a = new ClockNode[1];
        a[0] = cluster.node("a").up();
        cluster.job("long").schedule("@manually").executor("endless").add();
        long id = a[0].runNow("long");
        a[0].tick();
        Endless endless = new Endless();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable cutOff = () -> {
            a[0].pause();
            cluster.moveTime(Duration.ofSeconds(31));
            await(stopped); // the look's answer comes no sooner than the run is stopped (or the test gives up)
        };
        try (RunnerNode runner = cluster.runner("a", FaultyDatabase.answeringLate(RUNNING_ON, cutOff), endless)) {
            runner.start(a[0].handOver(id));
            assertTrue(endless.started.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "the run started");

            boolean stoppedInTime = endless.stopped.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            stopped.countDown();
            assertTrue(stoppedInTime, "the run is stopped while the look still waits");
            ClockFixture.Run run = ended(id);
            assertEquals("stopped: its node lost its lease (no successful heartbeat for 30 s)", run.error());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The look at the rows running under the node's incarnation (CancelRequests.runningOn). */
    private static final String RUNNING_ON = "SELECT id, cancel_requested_at FROM execution";

    private static final String LOCK_JOB = "FROM job WHERE name = ? FOR UPDATE";

    private ClockFixture.Run ended(long id) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        ClockFixture.Run run = cluster.run(id);
        while (run.status().equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            run = cluster.run(id);
        }
        return run;
    }

    private static class Fine implements JobExecutor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "fine";
        }

        @Override
        public List<ConfigError> validate(Map<String, String> config) {
            return List.of();
        }

        @Override
        public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(new ExecutionResult(Outcome.SUCCEEDED, 0, "ok", "", false, null));
        }
    }

    /** Runs until it is stopped. */
    private static final class Endless extends Fine {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public String name() {
            return "endless";
        }

        @Override
        public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
            CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
            request.stop().onStop(() -> {
                stopped.countDown();
                result.complete(new ExecutionResult(Outcome.FAILED, null, "", "", false, "stopped"));
            });
            started.countDown();
            return result;
        }
    }

    private static final class Crashing extends Fine {
        @Override
        public String name() {
            return "crashing";
        }

        @Override
        public CompletionStage<ExecutionResult> execute(ExecutionRequest request) {
            throw new StackOverflowError("executor crashed");
        }
    }
}
