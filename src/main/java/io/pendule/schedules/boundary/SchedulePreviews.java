package io.pendule.schedules.boundary;

import io.pendule.schedules.control.ScheduleOutlook;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.entity.InvalidScheduleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;

/**
 * A schedule as typed in the job editor, checked before anything is saved: in words and with its next fires in its
 * time zone, or the parser's error (which names the field or position at fault).
 */
@ApplicationScoped
public class SchedulePreviews {

    static final int NEXT_FIRES = 5;

    /** Nothing typed yet ({@code blank}), or the words and next fires, or the error. */
    public record Preview(boolean blank, String description, List<String> fires, String error) {
    }

    @Inject
    ScheduleParser parser;
    @Inject
    ScheduleOutlook outlook;

    public Preview of(String schedule, String timezone, String jobName, Locale locale) {
        if (schedule == null || schedule.isBlank()) {
            return new Preview(true, "", List.of(), "");
        }
        String name = jobName == null ? "" : jobName.trim();
        try {
            parser.zoneOf(timezone);
            parser.parse(schedule, timezone, name);
        } catch (InvalidScheduleException e) {
            return new Preview(false, "", List.of(), e.getMessage());
        }
        List<String> fires = outlook.nextFires(schedule, timezone, name, null, null, NEXT_FIRES).stream().map(ScheduleOutlook::format).toList();
        return new Preview(false, outlook.describe(schedule, timezone, name, locale), fires, "");
    }
}
