package io.pendule.database.control;

import io.pendule.metrics.control.GaugeSource;
import io.pendule.metrics.control.Gauges;
import io.pendule.metrics.entity.PenduleMetric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The pool's usage as Pendule's JDBC transactions ({@link Jdbc}) see it, from a counter: Payara's own pool statistics
 * need its monitoring switched on, and JPA's short reads are not counted.
 */
@ApplicationScoped
public class PoolGauges implements GaugeSource {

    @Inject
    Jdbc jdbc;

    @Override
    public void sample(Gauges gauges) {
        gauges.set(PenduleMetric.DB_CONNECTIONS_IN_USE, jdbc.connectionsInUse());
        gauges.set(PenduleMetric.DB_CONNECTIONS_MAX, Database.MAX_POOL_SIZE);
    }
}
