package io.pendule.clock.control;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The time the tests give the clock: it stands still until a test moves it, so that what is due, late or expired
 * is decided by the test and never by how long a step took. Read by the recorder's thread too.
 */
final class SettableTime implements InstantSource {

    private volatile Instant now;

    SettableTime(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("time only moves forward: " + instant + " is before " + now);
        }
        now = instant;
    }

    void move(Duration duration) {
        set(now.plus(duration));
    }
}
