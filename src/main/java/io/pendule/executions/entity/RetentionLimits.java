package io.pendule.executions.entity;

import io.pendule.platform.GoDuration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one job keeps of its history: its newest {@code keep} executions, and of those only the ones finished
 * within {@code keepFor} when there is an age limit. A job's 0 and "" mean the node's defaults.
 */
public record RetentionLimits(int keep, Optional<Duration> keepFor) {

    public static RetentionLimits of(int jobKeep, String jobKeepFor, int defaultKeep, Optional<Duration> defaultKeepFor) {
        int keep = jobKeep > 0 ? jobKeep : defaultKeep;
        Optional<Duration> keepFor = jobKeepFor == null || jobKeepFor.isBlank() ? defaultKeepFor
                : Optional.of(GoDuration.parse(jobKeepFor)).filter(d -> !d.isZero());
        return new RetentionLimits(keep, keepFor);
    }

    /** Finished executions that ended before this instant go; none when there is no age limit. */
    public Optional<Instant> finishedBefore(Instant now) {
        return keepFor.map(now::minus);
    }
}
