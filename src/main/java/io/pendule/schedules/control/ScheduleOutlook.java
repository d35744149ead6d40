package io.pendule.schedules.control;

import io.pendule.schedules.entity.InvalidScheduleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a schedule means to a reader: its words in the reader's language and its next fires in its own time zone.
 * For pages, which show a job whatever its schedule: a schedule that cannot be read is shown as written, with no
 * fire to come.
 */
@ApplicationScoped
public class ScheduleOutlook {

    private static final DateTimeFormatter IN_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'", Locale.ROOT);

    @Inject
    ScheduleParser parser;
    @Inject
    Schedules schedules;

    /**
     * Descriptions already made, by schedule, zone, job (hashed fields) and language: cron-utils' descriptor allocates
     * heavily (regular expressions on every field) and a page describes fifty jobs, so without this the jobs page spent
     * most of its time in garbage collection (measured with bench/pages.sh). Bounded: emptied when full.
     */
    private final Map<List<Object>, String> descriptions = new ConcurrentHashMap<>();
    static final int DESCRIPTIONS_KEPT = 20_000;

    /** The schedule in words, or the expression itself when it cannot be read; "" for no schedule. */
    public String describe(String expression, String timezone, String jobName, Locale locale) {
        if (expression == null || expression.isBlank()) {
            return "";
        }
        List<Object> key = List.of(expression, timezone == null ? "" : timezone, jobName == null ? "" : jobName, locale);
        String known = descriptions.get(key);
        if (known != null) {
            return known;
        }
        if (descriptions.size() >= DESCRIPTIONS_KEPT) {
            descriptions.clear();
        }
        String described = describeNow(expression, timezone, jobName, locale);
        descriptions.put(key, described);
        return described;
    }

    private String describeNow(String expression, String timezone, String jobName, Locale locale) {
        try {
            return parser.describe(schedules.of(expression, timezone, jobName), locale);
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            return expression;
        }
    }

    /** UTC by its name: the pages show "UTC" for a job without a time zone, where {@link ZoneOffset#UTC} shows "Z". */
    static final ZoneId UTC = ZoneId.of("UTC");

    /** The time zone the schedule fires in; {@link #UTC} when none is given or it is unknown. */
    public ZoneId zoneOf(String timezone) {
        try {
            ZoneId zone = parser.zoneOf(timezone);
            return zone.equals(ZoneOffset.UTC) ? UTC : zone;
        } catch (InvalidScheduleException e) {
            return UTC;
        }
    }

    /** A fire as the pages show it, in its zone: "2026-11-25 09:30:00 +01:00 (Europe/Paris)". */
    public static String format(ZonedDateTime fire) {
        return IN_ZONE.format(fire);
    }

    /** Up to {@code count} fires after now, within the active window, in the schedule's time zone. */
    public List<ZonedDateTime> nextFires(String expression, String timezone, String jobName, Instant startsAt,
                                         Instant expiresAt, int count) {
        List<ZonedDateTime> next = new ArrayList<>();
        ZoneId zone = zoneOf(timezone);
        Instant after = Instant.now();
        try {
            while (next.size() < count) {
                Optional<Instant> fire = schedules.nextFire(expression, timezone, jobName, after, startsAt, expiresAt);
                if (fire.isEmpty()) {
                    break;
                }
                next.add(fire.get().atZone(zone));
                after = fire.get();
            }
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            return next;
        }
        return next;
    }
}
