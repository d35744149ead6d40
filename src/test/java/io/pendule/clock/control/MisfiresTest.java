package io.pendule.clock.control;

import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.schedules.entity.EverySchedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MisfiresTest {

    static final Instant NOW = Instant.parse("2025-01-02T10:00:00.300Z");
    static final UnaryOperator<Instant> EVERY_MINUTE = every(Duration.ofMinutes(1));
    static final UnaryOperator<Instant> EVERY_SECOND = every(Duration.ofSeconds(1));

    static UnaryOperator<Instant> every(Duration interval) {
        EverySchedule schedule = new EverySchedule("@every", interval);
        return after -> schedule.nextFireAfter(after).orElse(null);
    }

    /** How late a fire may be found and still run as usual. */
    static final Duration THRESHOLD = Duration.ofSeconds(1);

    static MisfirePolicy policy(String code, int max) {
        return new MisfirePolicy(MisfirePolicy.Kind.ofCode(code).orElseThrow(), max, "");
    }

    @Test
    void aFireFoundWithinTheToleranceRunsAsUsual() {
        Instant due = Instant.parse("2025-01-02T09:59:59.400Z");
        FirePlan plan = Misfires.plan(due, EVERY_SECOND, policy("skip", 100), THRESHOLD, NOW);
        assertEquals(List.of(due), plan.runs());
        assertTrue(plan.missed().isEmpty());
        FirePlan late = Misfires.plan(due, EVERY_SECOND, policy("skip", 100), THRESHOLD, NOW.plusMillis(200));
        assertEquals(List.of(), late.runs(), "1.1 s late is beyond the tolerance");
    }

    @Test
    void skipRunsNoneOfTheMissedFiresAndResumesFromNow() {
        FirePlan plan = Misfires.plan(Instant.parse("2025-01-02T09:55:00Z"), EVERY_MINUTE, policy("skip", 100), THRESHOLD, NOW);
        assertEquals(List.of(), plan.runs());
        assertEquals(5, plan.missed().size());
        assertTrue(plan.missed().get(0).reason().contains("misfire_policy skip"), plan.missed().get(0).reason());
        assertEquals(Instant.parse("2025-01-02T10:00:00Z"), plan.next());
    }

    @Test
    void fireOnceRunsTheLatestMissedFireOnly() {
        FirePlan plan = Misfires.plan(Instant.parse("2025-01-02T09:55:00Z"), EVERY_MINUTE, policy("fire_once", 100), THRESHOLD, NOW);
        assertEquals(List.of(Instant.parse("2025-01-02T09:59:00Z")), plan.runs());
        assertEquals(4, plan.missed().size());
        assertEquals(Instant.parse("2025-01-02T09:55:00Z"), plan.missed().get(0).fireAt());
    }

    @Test
    void catchUpRunsTheLatestMisfireMaxOldestFirstAndSummarisesTheOlderOnes() {
        FirePlan plan = Misfires.plan(Instant.parse("2025-01-02T09:50:00Z"), EVERY_MINUTE, policy("catch_up", 3), THRESHOLD, NOW);
        assertEquals(List.of(Instant.parse("2025-01-02T09:57:00Z"), Instant.parse("2025-01-02T09:58:00Z"),
                Instant.parse("2025-01-02T09:59:00Z")), plan.runs());
        assertEquals(1, plan.missed().size());
        String summary = plan.missed().get(0).reason();
        assertTrue(summary.startsWith("missed: 7 fires from 2025-01-02T09:50:00Z to 2025-01-02T09:56:00Z"), summary);
    }

    @Test
    void aDayOfAnEverySecondJobWritesABoundedNumberOfRows() {
        FirePlan plan = Misfires.plan(NOW.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                EVERY_SECOND, policy("skip", 100), THRESHOLD, NOW);
        assertEquals(101, plan.missed().size());
        assertTrue(plan.missed().get(0).reason().startsWith("missed: at least "), plan.missed().get(0).reason());
        assertEquals(Instant.parse("2025-01-02T09:59:59Z"), plan.missed().get(100).fireAt(), "the latest missed fire is recorded");
        assertEquals(Instant.parse("2025-01-02T10:00:00Z"), plan.next());
    }

    @Test
    void aFireLaterThanItsStartingDeadlineIsMissedWhateverThePolicy() {
        MisfirePolicy withDeadline = new MisfirePolicy(MisfirePolicy.Kind.CATCH_UP, 100, "90s");
        FirePlan plan = Misfires.plan(Instant.parse("2025-01-02T09:55:00Z"), EVERY_MINUTE, withDeadline, THRESHOLD, NOW);
        assertEquals(List.of(Instant.parse("2025-01-02T09:59:00Z")), plan.runs());
        assertEquals(4, plan.missed().size());
        assertTrue(plan.missed().get(3).reason().contains("starting_deadline"), plan.missed().get(3).reason());
    }
}
