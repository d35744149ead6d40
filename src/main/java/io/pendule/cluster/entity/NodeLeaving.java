package io.pendule.cluster.entity;

/**
 * This node leaves the cluster (Dkron's {@code POST /v1/leave}): announced as a synchronous CDI event, so that the
 * clock, which sits above the cluster, stops claiming and lets the claimed runs finish before the node is shown as left.
 */
public record NodeLeaving(String nodeName) {
}
