package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.metrics.control.GaugeSource;
import io.pendule.metrics.control.Gauges;
import io.pendule.metrics.entity.PenduleMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.InstantSource;

/**
 * The gauges of runs at a scrape: this node's room and recorder from memory; the queue, cluster-wide, by one count on
 * the index of waiting executions, bounded so that a huge queue costs a scrape no more than {@value #COUNTED_AT_MOST} rows.
 */
@ApplicationScoped
public class ExecutionGauges implements GaugeSource {

    static final int COUNTED_AT_MOST = 1_000_000;
    private static final String QUEUED = "SELECT COUNT(*) FROM (SELECT 1 FROM execution WHERE status = "
            + ExecutionStatus.QUEUED.literal() + " LIMIT " + COUNTED_AT_MOST + ") q";

    @Inject
    ExecutionRunner runner;
    @Inject
    ExecutionRecorder recorder;
    @Inject
    NodeLease lease;
    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;

    @Override
    public void sample(Gauges gauges) {
        gauges.set(PenduleMetric.CAPACITY_RESERVED, runner.reservedRuns());
        gauges.set(PenduleMetric.CAPACITY, runner.capacity());
        gauges.set(PenduleMetric.RECORDER_BACKLOG, recorder.backlog());
        gauges.set(PenduleMetric.RECORDER_BACKLOG_AGE, recorder.stalledSince()
                .map(since -> Math.max(0, Duration.between(since, time.instant()).toMillis() / 1000.0)).orElse(0.0));
        gauges.set(PenduleMetric.LEASE_FENCED, lease.fenced() ? 1 : 0);
        gauges.set(PenduleMetric.QUEUE_DEPTH, jdbc.inTransaction(connection ->
                Jdbc.query(connection, QUEUED, select -> { }, rs -> rs.getLong(1)).get(0)));
    }
}
