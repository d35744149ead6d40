package io.pendule.schedules.control;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.pendule.schedules.entity.CronSchedule;
import io.pendule.schedules.entity.InvalidScheduleException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Dkron's (robfig's) cron syntax: {@code sec min hour dom month dow}, or Unix cron's five fields
 * without the seconds. Thread-safe.
 */
final class CronScheduleParser {

    private static final int DAY_OF_MONTH = 3;
    private static final int DAY_OF_WEEK = 5;
    private static final int HOURS = 2;

    private static final CronDefinition DKRON = CronDefinitionBuilder.defineCron()
            .withSeconds().withValidRange(0, 59).and()
            .withMinutes().withValidRange(0, 59).and()
            .withHours().withValidRange(0, 23).and()
            .withDayOfMonth().withValidRange(1, 31).supportsQuestionMark().and()
            .withMonth().withValidRange(1, 12).and()
            .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
            .supportsQuestionMark().and()
            .instance();

    private final CronParser parser = new CronParser(DKRON);

    CronSchedule parse(String expression, String cronPart, ZoneId zone, String jobName) {
        String[] fields = new JobNameHash(jobName).substitute(sixFields(cronPart));
        String written = cronPart.trim();
        Cron whole = parseFields(fields, written, written.split("\\s+").length == 5);
        // cron-utils requires both day fields to match; Vixie cron and robfig accept either when both are set
        List<ExecutionTime> alternatives = restricted(fields[DAY_OF_MONTH]) && restricted(fields[DAY_OF_WEEK])
                ? List.of(executionTime(fields, DAY_OF_WEEK, written), executionTime(fields, DAY_OF_MONTH, written))
                : List.of(ExecutionTime.forCron(whole));
        return new CronSchedule(expression, zone, whole, alternatives, !fields[HOURS].startsWith("*"));
    }

    private static String[] sixFields(String cronPart) {
        String[] fields = cronPart.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (fields.length == 5) {
            fields = ("0 " + String.join(" ", fields)).split(" ");
        } else if (fields.length != 6) {
            throw new InvalidScheduleException("invalid cron expression \"" + cronPart.trim()
                    + "\": expected 5 or 6 fields, found " + fields.length);
        }
        for (int position = 0; position < fields.length; position++) {
            // robfig reads ? as * in any field; cron-utils would find no day at all with ? in both day fields
            if ("?".equals(fields[position])) {
                fields[position] = "*";
            }
        }
        return fields;
    }

    private static boolean restricted(String dayField) {
        return !"*".equals(dayField) && !"*/1".equals(dayField);
    }

    private ExecutionTime executionTime(String[] fields, int ignoredDayField, String written) {
        String[] alternative = fields.clone();
        alternative[ignoredDayField] = "?";
        return ExecutionTime.forCron(parseFields(alternative, written, false));
    }

    private Cron parseFields(String[] fields, String written, boolean unix) {
        try {
            return parser.parse(String.join(" ", fields));
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("invalid cron expression \"" + written + "\": " + faultyField(fields, unix)
                    + reason(e));
        }
    }

    private static final String[] FIELD_NAMES = {"seconds", "minutes", "hours", "day of month", "month", "day of week"};
    private static final String[] VALID = {"0", "0", "0", "*", "*", "*"};

    /**
     * Which field is wrong, as the user counts them ("field 2 (minutes) "61": "): each field is tried alone among
     * valid ones, since cron-utils' messages do not say where.
     */
    private String faultyField(String[] fields, boolean unix) {
        for (int i = 0; i < fields.length; i++) {
            String[] alone = VALID.clone();
            alone[i] = fields[i];
            try {
                parser.parse(String.join(" ", alone));
            } catch (IllegalArgumentException e) {
                int position = unix ? i : i + 1;
                return "field " + position + " (" + FIELD_NAMES[i] + ") \"" + fields[i] + "\": ";
            }
        }
        return "";
    }

    private static String reason(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        return message.replaceFirst("^Failed to parse cron expression\\.\\s*", "");
    }
}
