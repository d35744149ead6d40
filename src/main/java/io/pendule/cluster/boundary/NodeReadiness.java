package io.pendule.cluster.boundary;

import io.pendule.executions.control.NodeLease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node may run work: not when it was refused (its name is held by another live process) or has fenced
 * itself (no successful heartbeat for 20 s, see executions.control.NodeLease). Also says how far this node's clock is
 * from the database's.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    @Inject
    NodeLease lease;

    @Override
    public HealthCheckResponse call() {
        boolean fenced = fenced();
        HealthCheckResponseBuilder node = HealthCheckResponse.named("node").status(!fenced).withData("fenced", fenced)
                .withData("clockSkewMillis", lease.skew().toMillis());
        lease.refusal().ifPresent(why -> node.withData("refused", why));
        return node.build();
    }

    /** Refused or fenced: this node claims and starts nothing. */
    boolean fenced() {
        return lease.fenced();
    }
}
