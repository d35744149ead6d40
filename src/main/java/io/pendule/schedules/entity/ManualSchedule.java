package io.pendule.schedules.entity;

import java.time.Instant;
import java.util.Optional;

/** {@code @manually}: the job only runs when someone asks for it. */
public record ManualSchedule(String expression) implements Schedule {

    @Override
    public Optional<Instant> nextFireAfter(Instant after) {
        return Optional.empty();
    }
}
