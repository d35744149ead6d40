package io.pendule.workflows.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatesTest {

    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");

    @Test
    void aJobThatNeverSucceededKeepsTheGateClosed() {
        assertEquals(Optional.of("gate: initial-sync has never succeeded"), Gates.closed("initial-sync", "", null, NOW));
        assertEquals(Optional.of("gate: initial-sync has never succeeded"), Gates.closed("initial-sync", "1h", null, NOW));
    }

    @Test
    void anySuccessOpensAGateWithoutDuration() {
        assertEquals(Optional.empty(), Gates.closed("initial-sync", "", NOW.minus(Duration.ofDays(400)), NOW));
    }

    @Test
    void aGateWithADurationWantsARecentEnoughSuccess() {
        assertEquals(Optional.empty(), Gates.closed("initial-sync", "1h", NOW.minus(Duration.ofMinutes(60)), NOW));
        assertEquals(Optional.of("gate: initial-sync last succeeded 3h ago, more than 1h"),
                Gates.closed("initial-sync", "1h", NOW.minus(Duration.ofHours(3)), NOW));
        assertEquals(Optional.of("gate: sync last succeeded 1h1m ago, more than 1h"),
                Gates.closed("sync", "1h", NOW.minus(Duration.ofSeconds(3661)), NOW));
    }

    @Test
    void agesAreSaidWithTheirTwoLargestUnits() {
        assertEquals("3h", Gates.roughly(Duration.ofHours(3)));
        assertEquals("3h12m", Gates.roughly(Duration.ofMinutes(192).plusSeconds(40)));
        assertEquals("4m5s", Gates.roughly(Duration.ofSeconds(245)));
        assertEquals("12s", Gates.roughly(Duration.ofMillis(12_900)));
        assertEquals("49h", Gates.roughly(Duration.ofHours(49)));
    }
}
