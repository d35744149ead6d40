package io.pendule.schedules.control;

import static io.pendule.schedules.control.CronSyntaxTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pendule.schedules.entity.Schedule;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DescriptorTest {

    private final ScheduleParser parser = new ScheduleParser();

    @ParameterizedTest
    @CsvSource({
            "@yearly,    2026-01-15T10:15:30Z, 2027-01-01T00:00:00Z",
            "@annually,  2026-01-15T10:15:30Z, 2027-01-01T00:00:00Z",
            "@monthly,   2026-01-15T10:15:30Z, 2026-02-01T00:00:00Z",
            "@weekly,    2026-01-15T10:15:30Z, 2026-01-18T00:00:00Z",
            "@daily,     2026-01-15T10:15:30Z, 2026-01-16T00:00:00Z",
            "@midnight,  2026-01-15T10:15:30Z, 2026-01-16T00:00:00Z",
            "@hourly,    2026-01-15T10:15:30Z, 2026-01-15T11:00:00Z",
            "@minutely,  2026-01-15T10:15:30Z, 2026-01-15T10:16:00Z",
            "@DAILY,     2026-01-15T10:15:30Z, 2026-01-16T00:00:00Z"})
    void descriptorsAreCronShortcuts(String descriptor, String after, String expected) {
        assertEquals(at(expected), next(descriptor, "", after));
    }

    @ParameterizedTest
    @CsvSource({
            "@yearly,  2026-01-15T10:15:30Z, 2026-12-31T23:00:00Z",
            "@monthly, 2026-01-15T10:15:30Z, 2026-01-31T23:00:00Z",
            "@weekly,  2026-01-15T10:15:30Z, 2026-01-17T23:00:00Z",
            "@daily,   2026-01-15T10:15:30Z, 2026-01-15T23:00:00Z",
            "@hourly,  2026-01-15T10:15:30Z, 2026-01-15T11:00:00Z"})
    void descriptorsHonourTheJobZone(String descriptor, String after, String expected) {
        assertEquals(at(expected), next(descriptor, "Europe/Paris", after));
    }

    @Test
    void everyOneSecondFiresOnEachWholeSecond() {
        assertEquals(at("2026-01-01T12:00:04Z"), next("@every 1s", "", "2026-01-01T12:00:03.088Z"));
        assertEquals(at("2026-01-01T12:00:05Z"), next("@every 1s", "", "2026-01-01T12:00:04Z"));
    }

    @Test
    void everyIsAlignedOnTheUnixEpoch() {
        assertEquals(at("2026-01-01T13:00:00Z"), next("@every 1h", "", "2026-01-01T12:34:56Z"));
        assertEquals(at("2026-01-01T12:35:00Z"), next("@every 5m", "", "2026-01-01T12:34:56Z"));
        // 2026-01-01T00:00:00Z is 327,264 periods of 1h30m after the epoch
        assertEquals(at("2026-01-01T01:30:00Z"), next("@every 1h30m", "", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-01T01:30:00Z"), next("@every 90m", "Asia/Tokyo", "2026-01-01T00:00:00Z"));
        assertEquals(at("1970-01-01T00:00:00Z"), next("@every 1h", "", "1969-12-31T23:59:59.5Z"));
    }

    @Test
    void everyDropsFractionsOfASecond() {
        assertEquals(at("2026-01-01T12:00:01Z"), next("@every 1.5s", "", "2026-01-01T12:00:00Z"));
        assertEquals(at("2026-01-01T12:00:02Z"), next("@every 2500ms", "", "2026-01-01T12:00:01Z"));
    }

    @Test
    void atFiresOnceWhileInTheFuture() {
        Schedule schedule = parser.parse("@at 2026-12-31T23:59:00Z", "", "job");
        assertEquals(Optional.of(at("2026-12-31T23:59:00Z")), schedule.nextFireAfter(at("2026-01-01T00:00:00Z")));
        assertEquals(Optional.empty(), schedule.nextFireAfter(at("2026-12-31T23:59:00Z")));
        assertEquals(Optional.empty(), schedule.nextFireAfter(at("2027-01-01T00:00:00Z")));
    }

    @Test
    void atAcceptsAnOffsetAndThePast() {
        assertEquals(at("2026-06-01T10:00:00Z"), next("@at 2026-06-01T12:00:00+02:00", "", "2026-01-01T00:00:00Z"));
        Schedule past = parser.parse("@at 2020-01-01T00:00:00Z", "", "job");
        assertEquals(Optional.empty(), past.nextFireAfter(at("2026-01-01T00:00:00Z")));
    }

    @Test
    void manuallyNeverFires() {
        Schedule schedule = parser.parse("@manually", "", "job");
        assertEquals(Optional.empty(), schedule.nextFireAfter(Instant.EPOCH));
        assertEquals("@manually", schedule.expression());
    }

    private Instant next(String expression, String timezone, String after) {
        return parser.parse(expression, timezone, "job").nextFireAfter(at(after)).orElseThrow();
    }
}
