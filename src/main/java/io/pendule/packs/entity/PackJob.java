package io.pendule.packs.entity;

import java.time.Duration;

/**
 * A pack job's executor_config read (docs/packs.md, "The pack executor"), and for one execution its endpoint.
 *
 * @param version         null for the pack's latest version, found at each run
 * @param type            null when the job does not say it (the pack does)
 * @param endpointsAtOnce the most of a run's endpoints running at once, cluster-wide; 0 for no limit
 * @param timeout         null when the bootstrap script may run forever
 * @param perEndpoint     true: one execution per activated endpoint; false: HDM's own way, one execution that finds
 *                        its endpoints in HDM's tables
 * @param endpoint        the endpoint of this execution; null for an execution without one
 */
public record PackJob(String pack, String version, PackType type, int endpointsAtOnce, Duration timeout, String timeoutText,
                      boolean perEndpoint, PackEndpoint endpoint) {
}
