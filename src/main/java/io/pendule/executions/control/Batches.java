package io.pendule.executions.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Work that arrives item by item from several threads and is done in batches: the thread that adds an item while no
 * batch is being done does one, with every item queued by then (up to {@code most}), and again as long as items came
 * meanwhile; the other threads only queue theirs and go on. Under load the batches grow by themselves and no thread
 * waits for another; alone, an item is done at once, in a batch of one.
 */
final class Batches<T> {

    private final Queue<T> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean doing = new AtomicBoolean();
    private final int most;
    private final Consumer<List<T>> work;

    /** {@code work} must not throw: what fails in a batch is its items' to answer. */
    Batches(int most, Consumer<List<T>> work) {
        this.most = most;
        this.work = work;
    }

    void add(T item) {
        queued.add(item);
        // the queue is looked at again after the flag is down: an item queued while the last batch ran is never left
        while (!queued.isEmpty() && doing.compareAndSet(false, true)) {
            try {
                List<T> batch = new ArrayList<>();
                for (T next; batch.size() < most && (next = queued.poll()) != null; ) {
                    batch.add(next);
                }
                if (!batch.isEmpty()) {
                    work.accept(batch);
                }
            } finally {
                doing.set(false);
            }
        }
    }
}
