package io.pendule.clock.control;

import io.pendule.executions.control.NodeLease;

import java.time.Duration;
import java.time.Instant;

/** A node's lease measured on the time the test moves, as its monotonic clock. */
final class SettableLease extends NodeLease {

    private final SettableTime time;

    SettableLease(SettableTime time) {
        this.time = time;
    }

    @Override
    protected long nanoTime() {
        return Duration.between(Instant.EPOCH, time.instant()).toNanos();
    }
}
