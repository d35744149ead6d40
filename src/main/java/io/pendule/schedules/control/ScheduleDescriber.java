package io.pendule.schedules.control;

import com.cronutils.descriptor.CronDescriptor;
import io.pendule.dashboard.control.Texts;
import io.pendule.schedules.entity.AtSchedule;
import io.pendule.schedules.entity.CronSchedule;
import io.pendule.schedules.entity.EverySchedule;
import io.pendule.schedules.entity.ManualSchedule;
import io.pendule.schedules.entity.Schedule;
import java.time.ZoneOffset;
import java.util.Locale;

/** Words for a schedule in the reader's language: cron-utils' for a cron, the dashboard's texts for the others. */
final class ScheduleDescriber {

    String describe(Schedule schedule, Locale locale) {
        if (schedule instanceof CronSchedule cron) {
            return describeCron(cron, locale);
        }
        if (schedule instanceof EverySchedule every) {
            return text("schedule.every", locale, every.goInterval());
        }
        if (schedule instanceof AtSchedule at) {
            return text("schedule.at", locale, at.at().toString());
        }
        if (schedule instanceof ManualSchedule) {
            return text("schedule.manually", locale);
        }
        return schedule.expression();
    }

    private static String text(String key, Locale locale, Object... parameters) {
        return Texts.of(key, locale, parameters).orElseThrow(() -> new IllegalStateException("no text " + key));
    }

    private static String describeCron(CronSchedule schedule, Locale locale) {
        String text = CronDescriptor.instance(locale).describe(schedule.cron());
        boolean utc = schedule.zone().normalized().equals(ZoneOffset.UTC);
        return utc ? text : text + " (" + schedule.zone().getId() + ")";
    }
}
