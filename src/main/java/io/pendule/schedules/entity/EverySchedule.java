package io.pendule.schedules.entity;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code @every <duration>}: fires on the multiples of a whole number of seconds since the Unix epoch.
 * Aligning on the epoch rather than on the job's creation lets every node, before and after any
 * restart, compute the same instants without sharing state.
 */
public record EverySchedule(String expression, Duration interval) implements Schedule {

    public EverySchedule {
        if (interval.getSeconds() < 1 || interval.getNano() != 0) {
            throw new IllegalArgumentException("interval must be a whole number of seconds, at least 1s: " + interval);
        }
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after) {
        long step = interval.getSeconds();
        try {
            long multiple = Math.addExact(Math.floorDiv(after.getEpochSecond(), step), 1);
            return Optional.of(Instant.ofEpochSecond(Math.multiplyExact(multiple, step)));
        } catch (ArithmeticException | DateTimeException beyondTheEndOfTime) {
            return Optional.empty();
        }
    }

    /** The interval the way Go prints durations ("1h30m0s", "5m0s", "45s"), as Dkron users know them. */
    public String goInterval() {
        long seconds = interval.getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + rest + "s";
        }
        return minutes > 0 ? minutes + "m" + rest + "s" : rest + "s";
    }
}
