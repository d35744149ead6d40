package io.pendule.schedules.entity;

import java.time.Instant;
import java.util.Optional;

/** {@code @at <RFC 3339>}: fires once; an instant in the past is valid, it just never fires again. */
public record AtSchedule(String expression, Instant at) implements Schedule {

    @Override
    public Optional<Instant> nextFireAfter(Instant after) {
        return at.isAfter(after) ? Optional.of(at) : Optional.empty();
    }
}
