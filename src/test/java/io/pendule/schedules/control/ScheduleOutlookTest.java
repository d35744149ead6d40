package io.pendule.schedules.control;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleOutlookTest {

    private final ScheduleOutlook outlook = outlook();

    private static ScheduleOutlook outlook() {
        ScheduleOutlook outlook = new ScheduleOutlook();
        outlook.parser = new ScheduleParser();
        outlook.schedules = new Schedules();
        outlook.schedules.parser = outlook.parser;
        return outlook;
    }

    @Test
    void aJobWithoutTimeZoneIsInUtcByName() {
        assertEquals("UTC", outlook.zoneOf("").getId());
        assertEquals("UTC", outlook.zoneOf(null).getId());
        assertEquals("UTC", outlook.zoneOf("+00:00").getId());
        assertEquals("UTC", outlook.zoneOf("Mars/Olympus").getId(), "an unknown zone reads as UTC");
        assertEquals("Europe/Paris", outlook.zoneOf("Europe/Paris").getId());
    }

    @Test
    void itsFiresShowUtcNotZ() {
        List<ZonedDateTime> fires = outlook.nextFires("0 30 9 * * *", "", "job", null, null, 2);
        assertEquals(2, fires.size());
        String shown = ScheduleOutlook.format(fires.get(0));
        assertTrue(shown.matches("\\d{4}-\\d\\d-\\d\\d 09:30:00 \\+00:00 \\(UTC\\)"), shown);
    }

    @Test
    void firesInAZoneShowTheZone() {
        ZonedDateTime fire = outlook.nextFires("0 30 9 * * *", "Europe/Paris", "job", null, null, 1).get(0);
        assertEquals(ZoneId.of("Europe/Paris"), fire.getZone());
        assertTrue(ScheduleOutlook.format(fire).endsWith(" 09:30:00 " + fire.getOffset().getId() + " (Europe/Paris)"),
                ScheduleOutlook.format(fire));
    }
}
