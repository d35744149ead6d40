package io.pendule.metrics.control;

import io.pendule.metrics.entity.MissedReason;
import io.pendule.metrics.entity.PenduleMetric;
import io.pendule.metrics.entity.SkipReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry and its text: counts, cumulative buckets, the label cap, escaping, every metric's header. */
class MetricsTest {

    private static String text(Metrics metrics, Gauges gauges) throws IOException {
        StringBuilder out = new StringBuilder();
        metrics.write(gauges, out);
        return out.toString();
    }

    @Test
    void runsAreCountedByJobAndStatusWithTheirDurationsInCumulativeBuckets() throws IOException {
        Metrics metrics = Metrics.of(10);
        metrics.runFinished("backup", "succeeded", Duration.ofMillis(30));
        metrics.runFinished("backup", "succeeded", Duration.ofMillis(700));
        metrics.runFinished("backup", "failed", Duration.ofSeconds(4000));
        metrics.runFinished("backup", "skipped", null);
        String text = text(metrics, metrics.gauges());
        assertTrue(text.contains("pendule_runs_total{job=\"backup\",status=\"succeeded\"} 2\n"), text);
        assertTrue(text.contains("pendule_runs_total{job=\"backup\",status=\"failed\"} 1\n"), text);
        assertTrue(text.contains("pendule_runs_total{job=\"backup\",status=\"skipped\"} 1\n"), text);
        assertTrue(text.contains("pendule_run_duration_seconds_bucket{job=\"backup\",le=\"0.01\"} 0\n"), text);
        assertTrue(text.contains("pendule_run_duration_seconds_bucket{job=\"backup\",le=\"0.05\"} 1\n"), text);
        assertTrue(text.contains("pendule_run_duration_seconds_bucket{job=\"backup\",le=\"1\"} 2\n"), text);
        assertTrue(text.contains("pendule_run_duration_seconds_bucket{job=\"backup\",le=\"3600\"} 2\n"), text);
        assertTrue(text.contains("pendule_run_duration_seconds_bucket{job=\"backup\",le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("pendule_run_duration_seconds_count{job=\"backup\"} 3\n"), "a skipped run did not run: " + text);
        assertTrue(text.contains("pendule_run_duration_seconds_sum{job=\"backup\"} 4000.7"), text);
        assertTrue(text.contains("# TYPE pendule_run_duration_seconds histogram\n"), text);
        assertTrue(text.contains("# TYPE pendule_runs_total counter\n"), text);
    }

    @Test
    void fixedReasonsStartAtZeroAndCount() throws IOException {
        Metrics metrics = Metrics.of(10);
        String before = text(metrics, metrics.gauges());
        for (MissedReason reason : MissedReason.values()) {
            assertTrue(before.contains("pendule_fires_missed_total{reason=\"" + reason.label() + "\"} 0\n"), before);
        }
        assertTrue(before.contains("pendule_fire_lag_seconds_count 0\n"), before);
        metrics.firesMissed(MissedReason.STARTING_DEADLINE, 3);
        metrics.runSkipped(SkipReason.CONCURRENCY);
        metrics.orphansDeclared(2);
        metrics.leaseRenewed();
        metrics.runStarted(Duration.ofMillis(1500));
        metrics.runStarted(Duration.ofMillis(-5)); // a start a hair early counts as on time
        String after = text(metrics, metrics.gauges());
        assertTrue(after.contains("pendule_fires_missed_total{reason=\"starting_deadline\"} 3\n"), after);
        assertTrue(after.contains("pendule_runs_skipped_total{reason=\"concurrency\"} 1\n"), after);
        assertTrue(after.contains("pendule_orphans_declared_total 2\n"), after);
        assertTrue(after.contains("pendule_lease_renewals_total 1\n"), after);
        assertTrue(after.contains("pendule_fire_lag_seconds_bucket{le=\"0.005\"} 1\n"), after);
        assertTrue(after.contains("pendule_fire_lag_seconds_bucket{le=\"1\"} 1\n"), after);
        assertTrue(after.contains("pendule_fire_lag_seconds_bucket{le=\"2.5\"} 2\n"), after);
        assertTrue(after.contains("pendule_fire_lag_seconds_count 2\n"), after);
    }

    @Test
    void jobsBeyondTheCapShareOneSeriesAndLoseTheirGauges() throws IOException {
        Metrics metrics = Metrics.of(2);
        metrics.runFinished("a", "succeeded", Duration.ZERO);
        metrics.runFinished("b", "succeeded", Duration.ZERO);
        metrics.runFinished("c", "succeeded", Duration.ZERO);
        metrics.runFinished("d", "succeeded", Duration.ZERO);
        metrics.runFinished("a", "succeeded", Duration.ZERO);
        Gauges gauges = metrics.gauges();
        gauges.setForJob(PenduleMetric.JOB_LAST_SUCCESS, "a", 1.7e9);
        gauges.setForJob(PenduleMetric.JOB_LAST_SUCCESS, "c", 1.7e9);
        String text = text(metrics, gauges);
        assertTrue(text.contains("pendule_runs_total{job=\"a\",status=\"succeeded\"} 2\n"), text);
        assertTrue(text.contains("pendule_runs_total{job=\"_other_\",status=\"succeeded\"} 2\n"), text);
        assertFalse(text.contains("job=\"c\"") || text.contains("job=\"d\""), text);
        assertTrue(text.contains("pendule_job_last_success_timestamp_seconds{job=\"a\"} 1700000000\n"), text);
        assertTrue(text.contains("pendule_metrics_jobs_capped 1\n"), text);
    }

    @Test
    void theCapHoldsUnderConcurrentJobs() throws Exception {
        Metrics metrics = Metrics.of(50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int thread = t;
            pool.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    metrics.runFinished("job-" + thread + "-" + i, "succeeded", Duration.ofMillis(1));
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        String text = text(metrics, metrics.gauges());
        long ownSeries = text.lines().filter(l -> l.startsWith("pendule_runs_total{job=\"job-")).count();
        assertEquals(50, ownSeries, "exactly the cap");
        assertTrue(text.contains("pendule_runs_total{job=\"_other_\",status=\"succeeded\"} 7950\n"), text);
    }

    @Test
    void labelValuesAreEscaped() throws IOException {
        Metrics metrics = Metrics.of(10);
        metrics.runFinished("a\"b\\c\nd", "failed", null);
        String text = text(metrics, metrics.gauges());
        assertTrue(text.contains("pendule_runs_total{job=\"a\\\"b\\\\c\\nd\",status=\"failed\"} 1\n"), text);
    }

    @Test
    void everyMetricHasItsHelpAndTypeInOrderAndGaugesAreChecked() throws IOException {
        Metrics metrics = Metrics.of(10);
        Gauges gauges = metrics.gauges();
        gauges.set(PenduleMetric.QUEUE_DEPTH, 7);
        gauges.set(PenduleMetric.NODE_UP, 1, "node-1");
        gauges.set(PenduleMetric.RECORDER_BACKLOG_AGE, 0.25);
        String text = text(metrics, gauges);
        List<String> types = text.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        assertEquals(java.util.Arrays.stream(PenduleMetric.values()).map(PenduleMetric::metricName).toList(), types);
        assertTrue(text.contains("pendule_queue_depth 7\n") && text.contains("pendule_node_up{node=\"node-1\"} 1\n")
                && text.contains("pendule_recorder_backlog_age_seconds 0.25\n"), text);
        assertThrows(IllegalArgumentException.class, () -> gauges.set(PenduleMetric.RUNS, 1, "a", "b"), "not a gauge");
        assertThrows(IllegalArgumentException.class, () -> gauges.set(PenduleMetric.NODE_UP, 1), "its label is missing");
        for (PenduleMetric metric : PenduleMetric.values()) {
            assertTrue(metric.metricName().matches("pendule_[a-z_]+"), metric.metricName());
            assertTrue(metric.type() != PenduleMetric.Type.COUNTER || metric.metricName().endsWith("_total"), metric.metricName());
        }
    }
}
