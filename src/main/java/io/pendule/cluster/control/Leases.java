package io.pendule.cluster.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The lease a node takes on a run it claims: until the run's start plus {@link #LENGTH}, then renewed by the node
 * while the run goes on (cluster.control). A run whose lease has run out has no node any more.
 */
public final class Leases {

    public static final Duration LENGTH = Duration.ofSeconds(30);

    private Leases() {
    }

    /** The first lease of a run due at {@code startAt} (claimed up to a second ahead), claimed at {@code now}. */
    public static Instant firstUntil(Instant startAt, Instant now) {
        return (startAt.isAfter(now) ? startAt : now).plus(LENGTH);
    }
}
