package io.pendule.executions.control;

import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.TooManyRequestsException;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.RunsRecorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RunWaiter over rows kept in a map: a wait ends with the finished row, by a look or at once when this node records
 * the end; with the row as it stands when its patience runs out; the caller's places are capped, and given back
 * however a wait ends.
 */
class RunWaiterTest {

    private final Map<Long, String> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private RunWaiter waiter;

    @BeforeEach
    void waiterOverAMap() {
        waiter = new RunWaiter();
        waiter.history = new ExecutionHistory() {
            @Override
            public Optional<Execution> byId(long id) {
                reads.incrementAndGet();
                String status = statuses.get(id);
                return status == null ? Optional.empty() : Optional.of(new Execution(id, "job", id, 1, "api", status,
                        Instant.EPOCH, "node", null, null, null, null, null));
            }
        };
        waiter.looks = Executors.newScheduledThreadPool(2);
        waiter.perCaller = 2;
    }

    @AfterEach
    void stop() {
        waiter.stop();
    }

    @Test
    void aWaitEndsWithTheFinishedRowFoundByALook() throws Exception {
        statuses.put(1L, "running");
        CompletableFuture<Execution> wait = waiter.await(1, Duration.ofMinutes(1), waiter.admit("ann"));
        Thread.sleep(300);
        assertFalse(wait.isDone(), "still running");
        statuses.put(1L, "succeeded");
        assertEquals("succeeded", wait.get(5, TimeUnit.SECONDS).status().code());
        assertEquals(0, waiter.waiting());
    }

    @Test
    void aRunEndRecordedHereEndsItsWaitWithoutWaitingForALook() throws Exception {
        waiter.firstLook = Duration.ofHours(1);
        statuses.put(2L, "running");
        CompletableFuture<Execution> wait = waiter.await(2, Duration.ofHours(2), waiter.admit("ann"));
        waiter.recorded(new RunsRecorded(List.of(99L)));
        statuses.put(2L, "failed");
        Thread.sleep(300);
        assertFalse(wait.isDone(), "no look for an hour, and the record was another run's");
        waiter.recorded(new RunsRecorded(List.of(2L)));
        assertEquals("failed", wait.get(5, TimeUnit.SECONDS).status().code());
    }

    @Test
    void whenPatienceRunsOutTheRowIsAnsweredAsItStands() throws Exception {
        statuses.put(3L, "queued");
        CompletableFuture<Execution> wait = waiter.await(3, Duration.ofMillis(400), waiter.admit("ann"));
        assertEquals("queued", wait.get(5, TimeUnit.SECONDS).status().code());
    }

    @Test
    void aRowGoneEndsTheWaitWithNotFound() {
        CompletableFuture<Execution> wait = waiter.await(4, Duration.ofMinutes(1), waiter.admit("ann"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> wait.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NotFoundException.class, failed.getCause());
    }

    @Test
    void aCallerHasAtMostItsPlacesOthersStillHaveTheirs() throws Exception {
        statuses.put(5L, "running");
        CompletableFuture<Execution> first = waiter.await(5, Duration.ofMinutes(1), waiter.admit("ann"));
        CompletableFuture<Execution> second = waiter.await(5, Duration.ofMinutes(1), waiter.admit("ann"));
        TooManyRequestsException refused = assertThrows(TooManyRequestsException.class, () -> waiter.admit("ann"));
        assertTrue(refused.getMessage().contains("PENDULE_API_WAITS_PER_CALLER"), refused.getMessage());
        assertEquals(RunWaiter.RETRY_AFTER, refused.retryAfter());
        waiter.admit("bob").release();

        first.cancel(false); // the client went away
        waiter.admit("ann").release();
        statuses.put(5L, "succeeded");
        second.get(5, TimeUnit.SECONDS);
        waiter.admit("ann");
        waiter.admit("ann");
        assertThrows(TooManyRequestsException.class, () -> waiter.admit("ann"));
    }

    @Test
    void aPlaceGivenBackTwiceCountsOnce() {
        RunWaiter.Slot slot = waiter.admit("ann");
        waiter.admit("ann");
        slot.release();
        slot.release();
        waiter.admit("ann");
        assertThrows(TooManyRequestsException.class, () -> waiter.admit("ann"));
    }

    @Test
    void waitsHoldNoThreadBetweenLooks() throws Exception {
        statuses.put(6L, "running");
        waiter.perCaller = 100;
        List<CompletableFuture<Execution>> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waits.add(waiter.await(6, Duration.ofMinutes(1), waiter.admit("ann")));
        }
        assertEquals(100, waiter.waiting(), "100 waits on 2 threads");
        statuses.put(6L, "succeeded");
        for (CompletableFuture<Execution> wait : waits) {
            assertEquals("succeeded", wait.get(5, TimeUnit.SECONDS).status().code());
        }
        assertTrue(reads.get() > 0);
    }
}
