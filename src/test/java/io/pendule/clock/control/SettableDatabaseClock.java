package io.pendule.clock.control;

import io.pendule.database.control.DatabaseClock;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/** The database's clock as the test sets it: the test's time, plus a skew from the nodes' clocks if the test says so. */
final class SettableDatabaseClock extends DatabaseClock {

    private final SettableTime time;
    private volatile Duration ahead = Duration.ZERO;

    SettableDatabaseClock(SettableTime time) {
        this.time = time;
    }

    /** The database's clock is this much ahead of the nodes' (negative: behind). */
    void ahead(Duration by) {
        ahead = by;
    }

    @Override
    public Instant now(Connection connection) {
        return time.instant().plus(ahead);
    }
}
