package io.pendule.cluster.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.control.NodeLease;
import io.pendule.metrics.control.GaugeSource;
import io.pendule.metrics.control.Gauges;
import io.pendule.metrics.entity.PenduleMetric;
import io.pendule.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.InstantSource;

/**
 * This node up (holding its lease), and how many nodes are alive (cluster-wide: heartbeat within the lease). Pendule has
 * no leader to watch: each node fires, claims and judges orphans on its own.
 */
@ApplicationScoped
public class ClusterGauges implements GaugeSource {

    private static final String ALIVE = "SELECT COUNT(*) FROM node WHERE heartbeat_at >= ?";

    @Inject
    NodeLease lease;
    @Inject
    Settings settings;
    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;

    @Override
    public void sample(Gauges gauges) {
        boolean up = !lease.fenced() && lease.refusal().isEmpty();
        gauges.set(PenduleMetric.NODE_UP, up ? 1 : 0, settings.nodeName());
        gauges.set(PenduleMetric.NODES_ALIVE, jdbc.inTransaction(connection -> Jdbc.query(connection, ALIVE,
                select -> SqlTime.set(select, 1, time.instant().minus(NodeLease.LENGTH)), rs -> rs.getLong(1)).get(0)));
    }
}
