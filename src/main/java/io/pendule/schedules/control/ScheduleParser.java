package io.pendule.schedules.control;

import io.pendule.schedules.entity.AtSchedule;
import io.pendule.schedules.entity.EverySchedule;
import io.pendule.platform.GoDuration;
import io.pendule.schedules.entity.InvalidScheduleException;
import io.pendule.schedules.entity.ManualSchedule;
import io.pendule.schedules.entity.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the schedule expressions Dkron accepts: 6-field cron with seconds, 5-field Unix cron,
 * {@code ~} hashed fields, a {@code TZ=}/{@code CRON_TZ=} prefix, {@code @daily}-like descriptors,
 * {@code @every <duration>}, {@code @at <RFC 3339>} and {@code @manually}. Thread-safe.
 *
 * <p>When both the day of month and the day of week are restricted, a day matching either fires (Vixie cron,
 * robfig). Daylight saving time is handled as {@link io.pendule.schedules.entity.CronSchedule} describes.
 */
@ApplicationScoped
public class ScheduleParser {

    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 0 1 1 *",
            "@annually", "0 0 0 1 1 *",
            "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0",
            "@daily", "0 0 0 * * *",
            "@midnight", "0 0 0 * * *",
            "@hourly", "0 0 * * * *",
            "@minutely", "0 * * * * *");

    private final CronScheduleParser cronParser = new CronScheduleParser();
    private final ScheduleDescriber describer = new ScheduleDescriber();

    /**
     * @param timezone IANA time zone the cron fields and descriptors are read in; "" or null for UTC;
     *                 a {@code TZ=} prefix in the expression wins over it
     * @param jobName  the seed of the {@code ~} fields
     * @throws InvalidScheduleException with a message fit for the user
     */
    public Schedule parse(String expression, String timezone, String jobName) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidScheduleException("empty schedule");
        }
        String rest = expression.trim();
        ZoneId zone;
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = rest.indexOf(' ');
            if (space < 0) {
                throw new InvalidScheduleException("expected a schedule after " + rest);
            }
            zone = zoneOf(rest.substring(rest.indexOf('=') + 1, space));
            rest = rest.substring(space + 1).trim();
        } else {
            zone = zoneOf(timezone);
        }
        return rest.startsWith("@")
                ? parseDescriptor(expression, rest, zone, jobName)
                : firing(cronParser.parse(expression, rest, zone, jobName));
    }

    /** A cron that matches no date ("0 0 31 2 *", February 31st) would be accepted and never run: refused. */
    private static Schedule firing(Schedule cron) {
        if (cron.nextFireAfter(Instant.now()).isEmpty()) {
            throw new InvalidScheduleException("the schedule never fires: no date matches all its fields");
        }
        return cron;
    }

    /** "" or null means UTC; otherwise an IANA region ("Europe/Paris") or an offset ("+02:00"). */
    public ZoneId zoneOf(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("unknown time zone " + timezone.trim());
        }
    }

    /** Human-readable text, e.g. "every 5 seconds", "every 1h30m0s", "once at 2026-12-31T23:59:00Z". */
    public String describe(Schedule schedule, Locale locale) {
        return describer.describe(schedule, locale == null ? Locale.ENGLISH : locale);
    }

    private Schedule parseDescriptor(String expression, String descriptor, ZoneId zone, String jobName) {
        String[] words = descriptor.split("\\s+", 2);
        String keyword = words[0].toLowerCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1].trim() : "";
        if (DESCRIPTORS.containsKey(keyword)) {
            if (!argument.isEmpty()) {
                throw new InvalidScheduleException("unexpected \"" + argument + "\" after " + keyword);
            }
            return cronParser.parse(expression, DESCRIPTORS.get(keyword), zone, jobName);
        }
        return switch (keyword) {
            case "@every" -> new EverySchedule(expression, interval(argument));
            case "@at" -> new AtSchedule(expression, instant(argument).toInstant());
            case "@manually" -> {
                if (!argument.isEmpty()) {
                    throw new InvalidScheduleException("unexpected \"" + argument + "\" after @manually");
                }
                yield new ManualSchedule(expression);
            }
            default -> throw new InvalidScheduleException("unrecognized descriptor: " + words[0]);
        };
    }

    private static Duration interval(String text) {
        Duration interval;
        try {
            interval = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException("invalid @every interval: " + e.getMessage());
        }
        if (interval.getSeconds() < 1) {
            throw new InvalidScheduleException("@every interval must be at least 1s, found \"" + text + "\"");
        }
        // like robfig, fractions of a second are dropped
        return Duration.ofSeconds(interval.getSeconds());
    }

    private static OffsetDateTime instant(String text) {
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            if (at.getYear() < 1 || at.getYear() > 9999) {
                throw new InvalidScheduleException("invalid @at time \"" + text + "\": the year must have 4 digits");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new InvalidScheduleException(
                    "invalid @at time \"" + text + "\": expected RFC 3339, e.g. 2026-12-31T23:59:00Z");
        }
    }
}
