package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.FollowUps;
import io.pendule.executions.entity.RunSpec;
import io.pendule.executions.entity.Trigger;
import io.pendule.tracing.entity.RunTrace;
import io.pendule.executions.entity.ExecutionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldRunTest {

    private static HeldRun held() {
        return new HeldRun(new ClaimedRun(1, "job", 1, 1, Instant.now(), null,
                new RunSpec(Map.of(), "shell", Map.of(), 0, "2s", Concurrency.ALLOW, false, FollowUps.NONE), "", Trigger.SCHEDULE),
                RunTrace.NONE);
    }

    @Test
    void aStopBeforeTheEndStopsTheRunAndDecidesHowItIsRecorded() {
        HeldRun run = held();
        AtomicInteger kills = new AtomicInteger();
        run.signal.onStop(kills::incrementAndGet);
        assertTrue(run.stop(HeldRun.Stop.timeout("2s")));
        assertFalse(run.stop(HeldRun.Stop.CANCEL), "the first stop wins");
        assertEquals(1, kills.get());
        Optional<HeldRun.Stop> stop = run.ended();
        assertEquals(ExecutionStatus.TIMED_OUT, stop.orElseThrow().status());
        assertEquals("job timeout 2s exceeded", stop.orElseThrow().error());
    }

    @Test
    void aStopAfterTheRunEndedChangesNothing() {
        HeldRun run = held();
        AtomicInteger kills = new AtomicInteger();
        run.signal.onStop(kills::incrementAndGet);
        assertTrue(run.ended().isEmpty());
        assertFalse(run.stop(HeldRun.Stop.CANCEL));
        assertEquals(0, kills.get());
        assertTrue(run.stoppedBy().isEmpty());
    }

    @Test
    void anActionRegisteredAfterTheStopRunsAtOnce() {
        HeldRun run = held();
        run.stop(HeldRun.Stop.CANCEL);
        AtomicInteger kills = new AtomicInteger();
        run.signal.onStop(kills::incrementAndGet);
        assertEquals(1, kills.get());
    }
}
