package io.pendule.schedules.entity;

import java.time.Instant;
import java.util.Optional;

/** When a job fires: a parsed schedule expression, bound to the time zone it is evaluated in. */
public interface Schedule {

    /** The first fire time strictly after {@code after}; empty when the schedule never fires again. */
    Optional<Instant> nextFireAfter(Instant after);

    /** The expression as the user wrote it. */
    String expression();
}
