package io.pendule.metrics.control;

import io.pendule.metrics.entity.MissedReason;
import io.pendule.metrics.entity.PenduleMetric;
import io.pendule.metrics.entity.SkipReason;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pendule's counters and histograms, counted where things happen (the recorder, the clock, the orphans, the lease)
 * and written at /metrics with the gauges of the {@link GaugeSource}s. No lock and no database on the way: adders in
 * concurrent maps, the counting costs the caller a map look-up and an addition. Per-job series are capped
 * ({@link Settings#metricsMaxJobs()}).
 */
@ApplicationScoped
public class Metrics {

    @Inject
    Settings settings;

    private final Map<PenduleMetric, Map<List<String>, LongAdder>> counters = new EnumMap<>(PenduleMetric.class);
    private final Map<PenduleMetric, Map<List<String>, Histogram>> histograms = new EnumMap<>(PenduleMetric.class);
    private JobLabels jobs;

    /** A registry on its own, for tests: what CDI's bean reads from the settings. */
    public static Metrics of(int maxJobs) {
        Metrics metrics = new Metrics();
        metrics.start(maxJobs);
        return metrics;
    }

    @PostConstruct
    void start() {
        start(settings.metricsMaxJobs());
    }

    private void start(int maxJobs) {
        jobs = new JobLabels(maxJobs);
        for (PenduleMetric metric : PenduleMetric.values()) {
            switch (metric.type()) {
                case COUNTER -> counters.put(metric, new ConcurrentHashMap<>());
                case HISTOGRAM -> histograms.put(metric, new ConcurrentHashMap<>());
                case GAUGE -> {
                }
            }
        }
        // the series of a fixed label set exist from the start, at 0: increase() and rate() see their first event
        for (MissedReason reason : MissedReason.values()) {
            count(PenduleMetric.FIRES_MISSED, 0, reason.label());
        }
        for (SkipReason reason : SkipReason.values()) {
            count(PenduleMetric.RUNS_SKIPPED, 0, reason.label());
        }
        count(PenduleMetric.LEASE_RENEWALS, 0);
        count(PenduleMetric.ORPHANS, 0);
        histogram(PenduleMetric.FIRE_LAG, List.of());
    }

    /** A run this node finished: its status code, and how long it ran (null when it did not start). */
    public void runFinished(String job, String status, Duration ran) {
        String label = jobs.of(job);
        count(PenduleMetric.RUNS, 1, label, status);
        if (ran != null) {
            histogram(PenduleMetric.RUN_DURATION, List.of(label)).observe(seconds(ran));
        }
    }

    /** A run this node starts, {@code lag} after its scheduled time. */
    public void runStarted(Duration lag) {
        histogram(PenduleMetric.FIRE_LAG, List.of()).observe(Math.max(0, seconds(lag)));
    }

    public void firesMissed(MissedReason reason, int fires) {
        count(PenduleMetric.FIRES_MISSED, fires, reason.label());
    }

    public void runSkipped(SkipReason reason) {
        count(PenduleMetric.RUNS_SKIPPED, 1, reason.label());
    }

    public void orphansDeclared(int runs) {
        count(PenduleMetric.ORPHANS, runs);
    }

    public void leaseRenewed() {
        count(PenduleMetric.LEASE_RENEWALS, 1);
    }

    /** A scrape's gauges, filled by the sources, then written with {@link #write}. */
    public Gauges gauges() {
        return new Gauges(jobs);
    }

    /** Every series in Prometheus' text format (0.0.4), in the order of {@link PenduleMetric}. */
    public void write(Gauges gauges, Appendable out) throws IOException {
        gauges.set(PenduleMetric.JOB_SERIES_CAPPED, jobs.capped() ? 1 : 0);
        Exposition exposition = new Exposition(out);
        for (PenduleMetric metric : PenduleMetric.values()) {
            exposition.header(metric);
            switch (metric.type()) {
                case COUNTER -> {
                    for (var series : Exposition.sorted(counters.get(metric))) {
                        exposition.sample(metric.metricName(), metric.labels(), series.getKey(), series.getValue().sum());
                    }
                }
                case HISTOGRAM -> {
                    for (var series : Exposition.sorted(histograms.get(metric))) {
                        exposition.histogram(metric, series.getKey(), series.getValue());
                    }
                }
                case GAUGE -> {
                    for (Gauges.Sample sample : gauges.of(metric)) {
                        exposition.sample(metric.metricName(), metric.labels(), sample.labels(), sample.value());
                    }
                }
            }
        }
    }

    private void count(PenduleMetric metric, long amount, String... labels) {
        Map<List<String>, LongAdder> series = counters.get(metric);
        List<String> key = List.of(labels);
        LongAdder adder = series.get(key);
        if (adder == null) {
            adder = series.computeIfAbsent(key, k -> new LongAdder());
        }
        adder.add(amount);
    }

    private Histogram histogram(PenduleMetric metric, List<String> labels) {
        Map<List<String>, Histogram> series = histograms.get(metric);
        Histogram histogram = series.get(labels);
        return histogram != null ? histogram : series.computeIfAbsent(labels, k -> new Histogram(metric.buckets()));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
