package io.pendule.executions.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetentionLimitsTest {

    private static final Optional<Duration> WEEK = Optional.of(Duration.ofDays(7));

    @Test
    void zeroAndEmptyMeanTheNodeDefaults() {
        assertEquals(new RetentionLimits(10_000, Optional.empty()), RetentionLimits.of(0, "", 10_000, Optional.empty()));
        assertEquals(new RetentionLimits(50, WEEK), RetentionLimits.of(0, "", 50, WEEK));
    }

    @Test
    void aJobsOwnLimitsWinAndAZeroDurationLiftsTheDefaultAgeLimit() {
        assertEquals(new RetentionLimits(5, Optional.of(Duration.ofHours(36))), RetentionLimits.of(5, "36h", 10_000, WEEK));
        assertEquals(new RetentionLimits(5, Optional.empty()), RetentionLimits.of(5, "0s", 10_000, WEEK));
    }

    @Test
    void theAgeLimitCountsBackFromNow() {
        Instant now = Instant.parse("2025-05-10T12:00:00Z");
        assertEquals(Optional.of(Instant.parse("2025-05-10T11:30:00Z")),
                RetentionLimits.of(0, "30m", 1, Optional.empty()).finishedBefore(now));
        assertEquals(Optional.empty(), RetentionLimits.of(0, "", 1, Optional.empty()).finishedBefore(now));
    }
}
