package io.pendule.schedules.control;

import io.pendule.schedules.entity.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Next fire times of jobs, with each job's parsed schedule kept so that the clock parses an expression once,
 * not once per fire.
 */
@ApplicationScoped
public class Schedules {

    private static final int MAX_CACHED = 200_000;

    @Inject
    ScheduleParser parser;

    private final Map<String, Schedule> parsed = new ConcurrentHashMap<>();

    public Schedule of(String expression, String timezone, String jobName) {
        String key = jobName + '\u0000' + timezone + '\u0000' + expression;
        Schedule schedule = parsed.get(key);
        if (schedule == null) {
            if (parsed.size() > MAX_CACHED) {
                parsed.clear();
            }
            schedule = parser.parse(expression, timezone, jobName);
            parsed.put(key, schedule);
        }
        return schedule;
    }

    /**
     * The first fire after {@code after}, within the job's active window; empty when the job never fires again.
     */
    public Optional<Instant> nextFire(String expression, String timezone, String jobName, Instant after,
                                      Instant startsAt, Instant expiresAt) {
        if (expression == null || expression.isBlank()) {
            return Optional.empty();
        }
        Instant from = startsAt != null && startsAt.isAfter(after) ? startsAt.minusNanos(1) : after;
        return of(expression, timezone, jobName).nextFireAfter(from)
                .filter(next -> expiresAt == null || !next.isAfter(expiresAt));
    }
}
