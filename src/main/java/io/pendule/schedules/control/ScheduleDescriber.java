package io.pendule.schedules.control;

import com.cronutils.descriptor.CronDescriptor;
import io.pendule.schedules.entity.AtSchedule;
import io.pendule.schedules.entity.CronSchedule;
import io.pendule.schedules.entity.EverySchedule;
import io.pendule.schedules.entity.ManualSchedule;
import io.pendule.schedules.entity.Schedule;
import java.time.ZoneOffset;
import java.util.Locale;

/** Words for a schedule, for the UI and the API. */
final class ScheduleDescriber {

    String describe(Schedule schedule, Locale locale) {
        if (schedule instanceof CronSchedule cron) {
            return describeCron(cron, locale);
        }
        if (schedule instanceof EverySchedule every) {
            return "every " + every.goInterval();
        }
        if (schedule instanceof AtSchedule at) {
            return "once at " + at.at();
        }
        if (schedule instanceof ManualSchedule) {
            return "manually only";
        }
        return schedule.expression();
    }

    private static String describeCron(CronSchedule schedule, Locale locale) {
        String text = CronDescriptor.instance(locale).describe(schedule.cron());
        boolean utc = schedule.zone().normalized().equals(ZoneOffset.UTC);
        return utc ? text : text + " (" + schedule.zone().getId() + ")";
    }
}
