package io.pendule.metrics.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The label cap of per-job series: the first {@code max} jobs seen keep their name, every later one is
 * {@value #OTHER}. A job keeps its label for the life of the process (a deleted job's series stay until the restart).
 */
final class JobLabels {

    static final String OTHER = "_other_";

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger taken = new AtomicInteger();
    private volatile boolean capped;

    JobLabels(int max) {
        this.max = max;
    }

    String of(String job) {
        if (admitted.contains(job)) {
            return job;
        }
        if (taken.incrementAndGet() <= max) {
            admitted.add(job);
            return job;
        }
        taken.decrementAndGet();
        capped = true;
        return OTHER;
    }

    boolean capped() {
        return capped;
    }
}
