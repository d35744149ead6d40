package io.pendule.clock.boundary;

import io.pendule.clock.control.Clock;
import io.pendule.platform.Settings;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClockLivenessTest {

    private static final Instant NOW = Instant.parse("2030-01-07T09:00:00Z");

    private static HealthCheckResponse.Status liveness(Optional<Instant> lastTick) {
        ClockLiveness check = new ClockLiveness();
        check.clock = new Clock() {
            @Override
            public Optional<Instant> lastTick() {
                return lastTick;
            }
        };
        check.time = InstantSource.fixed(NOW);
        check.settings = Settings.of(Map.of("pendule.health.stall", "2m"));
        return check.call().getStatus();
    }

    @Test
    void aClockThatTickedWithinTheStallIsLive() {
        assertEquals(HealthCheckResponse.Status.UP, liveness(Optional.of(NOW.minusSeconds(1))));
        assertEquals(HealthCheckResponse.Status.UP, liveness(Optional.of(NOW.minusSeconds(120))));
    }

    @Test
    void aClockThatStoppedTickingIsNotLive() {
        assertEquals(HealthCheckResponse.Status.DOWN, liveness(Optional.of(NOW.minusSeconds(121))));
    }

    @Test
    void aNodeWithoutAClockHasNothingToWatch() {
        assertEquals(HealthCheckResponse.Status.UP, liveness(Optional.empty()));
    }
}
