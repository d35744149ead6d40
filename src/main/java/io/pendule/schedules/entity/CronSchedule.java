package io.pendule.schedules.entity;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A cron expression evaluated on the wall clock of a time zone. Immutable and thread-safe; parse it once
 * per job, the cron-utils execution times are built up front.
 *
 * <p>Daylight saving time:
 * <ul>
 * <li>Spring forward: a local time that does not exist that day is skipped (cron-utils behaviour), so
 * {@code 0 30 2 * * *} in Europe/Berlin does not fire on the day clocks jump from 02:00 to 03:00.</li>
 * <li>Fall back: when the hour field is fixed (does not start with {@code *}), the repeated wall-clock
 * hour fires only once, on its first occurrence, like Vixie cron. When the hour field starts with
 * {@code *} the schedule is an interval in real time and fires in both occurrences.</li>
 * </ul>
 */
public final class CronSchedule implements Schedule {

    private final String expression;
    private final ZoneId zone;
    private final Cron cron;
    private final List<ExecutionTime> alternatives;
    private final boolean wallClockHours;

    /**
     * @param cron           the whole expression, for describing it
     * @param alternatives   the fire times are the union of these (day of month OR day of week)
     * @param wallClockHours true when a repeated local hour must fire only once
     */
    public CronSchedule(String expression, ZoneId zone, Cron cron, List<ExecutionTime> alternatives,
            boolean wallClockHours) {
        this.expression = expression;
        this.zone = zone;
        this.cron = cron;
        this.alternatives = List.copyOf(alternatives);
        this.wallClockHours = wallClockHours;
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after) {
        // cron-utils keeps the sub-second part of its reference for every-second expressions
        ZonedDateTime from = after.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        Optional<ZonedDateTime> next = earliestAfter(from);
        while (next.isPresent() && wallClockHours && isSecondOccurrence(next.get())) {
            next = earliestAfter(endOfRepeatedHour(next.get()));
        }
        return next.map(ZonedDateTime::toInstant);
    }

    private Optional<ZonedDateTime> earliestAfter(ZonedDateTime from) {
        return alternatives.stream()
                .map(executionTime -> executionTime.nextExecution(from))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder());
    }

    private boolean isSecondOccurrence(ZonedDateTime fire) {
        return !fire.withEarlierOffsetAtOverlap().getOffset().equals(fire.getOffset());
    }

    private ZonedDateTime endOfRepeatedHour(ZonedDateTime fire) {
        ZoneOffsetTransition fallBack = zone.getRules().getTransition(fire.toLocalDateTime());
        return fallBack.getInstant().plus(fallBack.getDuration().abs()).minusSeconds(1).atZone(zone);
    }

    @Override
    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    public Cron cron() {
        return cron;
    }

    @Override
    public String toString() {
        return "CronSchedule[" + expression + " in " + zone + "]";
    }
}
