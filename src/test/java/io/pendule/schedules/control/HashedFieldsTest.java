package io.pendule.schedules.control;

import static io.pendule.schedules.control.CronSyntaxTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashedFieldsTest {

    // "backup": 98 + 97 + 99 + 107 + 117 + 112 = 630
    // seconds and minutes 630 % 60 = 30, hour 630 % 24 = 6, day 630 % 28 + 1 = 15, month 630 % 12 + 1 = 7,
    // day of week 630 % 7 = 0 (Sunday)
    private static final String JOB = "backup";

    private final ScheduleParser parser = new ScheduleParser();

    @Test
    void hourFromTheJobName() {
        assertEquals(at("2026-01-01T06:00:00Z"), next("0 0 ~ * * *", "2026-01-01T00:00:00Z"));
    }

    @Test
    void everySixFieldPosition() {
        assertEquals(at("2026-07-15T06:30:30Z"), next("~ ~ ~ ~ ~ *", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-04T00:00:00Z"), next("0 0 0 * * ~", "2026-01-01T00:00:00Z"));
    }

    @Test
    void fiveFieldPositionsStartWithMinutes() {
        assertEquals(at("2026-07-15T06:30:00Z"), next("~ ~ ~ ~ *", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-04T00:00:00Z"), next("0 0 * * ~", "2026-01-01T00:00:00Z"));
    }

    @Test
    void insideRangesAndSteps() {
        // "30/15": minutes 30 and 45
        assertEquals(at("2026-01-01T00:30:00Z"), next("0 ~/15 * * * *", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-01T00:45:00Z"), next("0 ~/15 * * * *", "2026-01-01T00:30:00Z"));
        assertEquals(at("2026-01-01T01:30:00Z"), next("0 ~/15 * * * *", "2026-01-01T00:45:00Z"));
    }

    @Test
    void differentNamesSpreadOut() {
        Instant backup = next("0 0 ~ * * *", "2026-01-01T00:00:00Z");
        Instant report = parser.parse("0 0 ~ * * *", "", "report").nextFireAfter(at("2026-01-01T00:00:00Z"))
                .orElseThrow();
        // "report": 114 + 101 + 112 + 111 + 114 + 116 = 668, 668 % 24 = 20
        assertEquals(at("2026-01-01T20:00:00Z"), report);
        assertEquals(at("2026-01-01T06:00:00Z"), backup);
    }

    private Instant next(String expression, String after) {
        return parser.parse(expression, "", JOB).nextFireAfter(at(after)).orElseThrow();
    }
}
