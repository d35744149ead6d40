package io.pendule.schedules.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EveryScheduleTest {

    @Test
    void onlyWholeSecondsOfAtLeastOneSecond() {
        assertThrows(IllegalArgumentException.class, () -> new EverySchedule("@every 0s", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new EverySchedule("@every 1.5s", Duration.ofMillis(1500)));
    }

    @Test
    void printedTheGoWay() {
        assertEquals("1h30m0s", new EverySchedule("@every 90m", Duration.ofMinutes(90)).goInterval());
        assertEquals("25h0m1s", new EverySchedule("@every 25h1s", Duration.ofSeconds(90_001)).goInterval());
        assertEquals("5m0s", new EverySchedule("@every 5m", Duration.ofMinutes(5)).goInterval());
        assertEquals("1s", new EverySchedule("@every 1s", Duration.ofSeconds(1)).goInterval());
    }

    @Test
    void nothingBeyondTheLastInstant() {
        assertEquals(Optional.empty(), new EverySchedule("@every 1h", Duration.ofHours(1)).nextFireAfter(Instant.MAX));
    }
}
