package io.pendule.executions.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {

    @Test
    void anItemAddedAloneIsDoneAtOnceInABatchOfOne() {
        List<List<Integer>> done = new ArrayList<>();
        Batches<Integer> batches = new Batches<>(10, done::add);
        batches.add(1);
        batches.add(2);
        assertEquals(List.of(List.of(1), List.of(2)), done);
    }

    @Test
    void itemsAddedWhileABatchIsDoneAreDoneInTheNextBatchesOnceEachAndNoneIsLeft() throws Exception {
        List<List<Integer>> done = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstBatchGoesOn = new CountDownLatch(1);
        Batches<Integer> batches = new Batches<>(3, batch -> {
            done.add(batch);
            if (batch.contains(0)) {
                await(firstBatchGoesOn);
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            threads.submit(() -> batches.add(0));
            while (done.isEmpty()) {
                Thread.onSpinWait();
            }
            IntStream.rangeClosed(1, 7).forEach(i -> threads.submit(() -> batches.add(i)));
            Thread.sleep(200);
            assertEquals(List.of(List.of(0)), done, "the others only queued theirs while the first batch went on");
            firstBatchGoesOn.countDown();
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(List.of(1, 3, 3, 1), done.stream().map(List::size).toList(), "at most 3 a batch: " + done);
        assertEquals(IntStream.rangeClosed(0, 7).boxed().toList(),
                done.stream().flatMap(List::stream).sorted().toList(), "each item once: " + done);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
