package io.pendule.packs.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The last execution of a pack job against one endpoint (its target): the job, the execution, its status code
 * (queued, running, succeeded, failed…) and its times. What the matrix colours a cell by.
 */
public record PackRun(String pack, String slug, String job, long execution, String status, Instant scheduledAt,
                      Instant startedAt, Instant finishedAt) {

    /** When it last did something: finished, else started, else was queued for. */
    public Instant at() {
        return finishedAt != null ? finishedAt : startedAt != null ? startedAt : scheduledAt;
    }

    /** How long it ran, once it has finished; how long it has been running, while it runs. */
    public Optional<Duration> took(Instant now) {
        if (startedAt == null) {
            return Optional.empty();
        }
        Duration took = Duration.between(startedAt, finishedAt != null ? finishedAt : now);
        return Optional.of(took.isNegative() ? Duration.ZERO : took);
    }
}
