package io.pendule.cluster.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node may run work: not when it was refused (its name is held by another live process) or has fenced
 * itself (its lease renewals failed for too long).
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        boolean fenced = fenced();
        return HealthCheckResponse.named("node").status(!fenced).withData("fenced", fenced).build();
    }

    /**
     * Hook for the fencing of issue 11 (node incarnations, self-fencing): reads the cluster component's "refused or
     * fenced" state once it exists; until then a node is never fenced.
     */
    boolean fenced() {
        return false;
    }
}
