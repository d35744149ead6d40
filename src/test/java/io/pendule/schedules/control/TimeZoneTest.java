package io.pendule.schedules.control;

import static io.pendule.schedules.control.CronSyntaxTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pendule.schedules.entity.InvalidScheduleException;
import io.pendule.schedules.entity.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeZoneTest {

    private final ScheduleParser parser = new ScheduleParser();

    @Test
    void cronFieldsAreReadOnTheWallClockOfTheZone() {
        Schedule schedule = parser.parse("0 30 9 * * *", "Europe/Paris", "job");
        assertEquals(at("2026-01-15T08:30:00Z"), schedule.nextFireAfter(at("2026-01-15T00:00:00Z")).orElseThrow());
        assertEquals(at("2026-07-15T07:30:00Z"), schedule.nextFireAfter(at("2026-07-15T00:00:00Z")).orElseThrow());
    }

    @Test
    void noZoneMeansUtc() {
        assertEquals(ZoneOffset.UTC, parser.zoneOf(""));
        assertEquals(ZoneOffset.UTC, parser.zoneOf(null));
        assertEquals(at("2026-01-15T09:30:00Z"), next("0 30 9 * * *", null, "2026-01-15T00:00:00Z"));
    }

    @Test
    void offsetsAndRegionsAreZones() {
        assertEquals(ZoneId.of("Europe/Paris"), parser.zoneOf("Europe/Paris"));
        assertEquals(ZoneOffset.ofHours(2), parser.zoneOf("+02:00"));
        assertEquals(at("2026-01-15T07:30:00Z"), next("0 30 9 * * *", "+02:00", "2026-01-15T00:00:00Z"));
    }

    @Test
    void unknownZonesAreRejected() {
        assertEquals("unknown time zone Mars/Olympus",
                assertThrows(InvalidScheduleException.class, () -> parser.zoneOf("Mars/Olympus")).getMessage());
        assertEquals("unknown time zone Mars/Olympus", assertThrows(InvalidScheduleException.class,
                () -> parser.parse("0 0 * * * *", "Mars/Olympus", "job")).getMessage());
        assertEquals("unknown time zone Mars/Olympus", assertThrows(InvalidScheduleException.class,
                () -> parser.parse("TZ=Mars/Olympus 0 0 * * * *", "", "job")).getMessage());
    }

    @Test
    void aTzPrefixOverridesTheJobZone() {
        assertEquals(at("2026-01-15T08:30:00Z"), next("TZ=Europe/Paris 0 30 9 * * *", "Asia/Tokyo", "2026-01-15T00:00:00Z"));
        assertEquals(at("2026-01-15T14:30:00Z"), next("CRON_TZ=America/New_York 30 9 * * *", "", "2026-01-15T00:00:00Z"));
        assertEquals(at("2026-01-15T23:00:00Z"), next("TZ=Europe/Paris @daily", "UTC", "2026-01-15T00:00:00Z"));
    }

    @Test
    void aTzPrefixNeedsASchedule() {
        assertThrows(InvalidScheduleException.class, () -> parser.parse("TZ=Europe/Paris", "", "job"));
    }

    @Test
    void springForwardSkipsALocalTimeThatDoesNotExist() {
        // Europe/Berlin jumps from 02:00 to 03:00 on 2026-03-29: no 02:30 that day
        Schedule schedule = parser.parse("0 30 2 * * *", "Europe/Berlin", "job");
        Instant onSaturday = schedule.nextFireAfter(at("2026-03-28T00:00:00Z")).orElseThrow();
        assertEquals(at("2026-03-28T01:30:00Z"), onSaturday);
        assertEquals(at("2026-03-30T00:30:00Z"), schedule.nextFireAfter(onSaturday).orElseThrow());
    }

    @Test
    void springForwardLeavesRealTimeIntervalsAlone() {
        Schedule hourly = parser.parse("0 30 * * * *", "Europe/Berlin", "job");
        assertEquals(at("2026-03-29T01:30:00Z"), hourly.nextFireAfter(at("2026-03-29T00:30:00Z")).orElseThrow());
    }

    @Test
    void fallBackFiresARepeatedWallClockTimeOnce() {
        // Europe/Berlin goes back from 03:00 CEST to 02:00 CET on 2026-10-25: 02:30 happens twice
        Schedule schedule = parser.parse("0 30 2 * * *", "Europe/Berlin", "job");
        Instant first = schedule.nextFireAfter(at("2026-10-24T12:00:00Z")).orElseThrow();
        assertEquals(at("2026-10-25T00:30:00Z"), first);
        assertEquals(at("2026-10-26T01:30:00Z"), schedule.nextFireAfter(first).orElseThrow());
        assertEquals(at("2026-10-26T01:30:00Z"), schedule.nextFireAfter(at("2026-10-25T00:31:00Z")).orElseThrow());
        assertEquals(at("2026-10-26T01:30:00Z"), schedule.nextFireAfter(at("2026-10-25T01:30:00Z")).orElseThrow());
    }

    @Test
    void fallBackSkipsTheWholeRepeatedHourOfAFixedHourSchedule() {
        Schedule schedule = parser.parse("0 */15 2 * * *", "Europe/Berlin", "job");
        assertEquals(at("2026-10-25T00:45:00Z"), schedule.nextFireAfter(at("2026-10-25T00:30:00Z")).orElseThrow());
        assertEquals(at("2026-10-26T01:00:00Z"), schedule.nextFireAfter(at("2026-10-25T00:45:00Z")).orElseThrow());
    }

    @Test
    void fallBackKeepsRealTimeIntervals() {
        Schedule hourly = parser.parse("0 30 * * * *", "Europe/Berlin", "job");
        assertEquals(at("2026-10-25T01:30:00Z"), hourly.nextFireAfter(at("2026-10-25T00:30:00Z")).orElseThrow());
        assertEquals(at("2026-10-25T02:30:00Z"), hourly.nextFireAfter(at("2026-10-25T01:30:00Z")).orElseThrow());
    }

    private Instant next(String expression, String timezone, String after) {
        return parser.parse(expression, timezone, "job").nextFireAfter(at(after)).orElseThrow();
    }
}
