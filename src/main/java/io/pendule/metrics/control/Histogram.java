package io.pendule.metrics.control;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram without locks: one adder per bucket, cumulated only when written, so that the threads observing
 * never wait on each other nor on a scrape.
 */
final class Histogram {

    private final double[] bounds;
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(List<Double> bounds) {
        this.bounds = bounds.stream().mapToDouble(Double::doubleValue).toArray();
        this.counts = new LongAdder[this.bounds.length + 1];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void observe(double value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        counts[i].increment();
        sum.add(value);
    }

    /** The cumulative counts, one per bound and the last for +Inf (the count). */
    long[] cumulative() {
        long[] cumulative = new long[counts.length];
        long running = 0;
        for (int i = 0; i < counts.length; i++) {
            running += counts[i].sum();
            cumulative[i] = running;
        }
        return cumulative;
    }

    double sum() {
        return sum.sum();
    }
}
