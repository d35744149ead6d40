package io.pendule.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pendule.schedules.entity.InvalidScheduleException;
import io.pendule.schedules.entity.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronSyntaxTest {

    private final ScheduleParser parser = new ScheduleParser();

    @Test
    void sixFieldsStartWithSeconds() {
        assertEquals(at("2026-01-01T10:20:15Z"), next("15 20 10 * * *", "2026-01-01T00:00:00Z"));
    }

    @Test
    void fiveFieldsAreUnixCronFiringOnTheMinute() {
        assertEquals(at("2026-01-05T09:30:00Z"), next("30 9 * * 1-5", "2026-01-02T10:00:00Z"));
    }

    @Test
    void stepsListsAndRanges() {
        assertEquals(List.of(at("2026-01-01T00:00:05Z"), at("2026-01-01T00:00:10Z")),
                fires("*/5 * * * * *", "2026-01-01T00:00:00Z", 2));
        assertEquals(List.of(at("2026-01-01T00:10:00Z"), at("2026-01-01T00:40:00Z"), at("2026-01-01T01:10:00Z")),
                fires("0 10,40 * * * *", "2026-01-01T00:00:00Z", 3));
        assertEquals(at("2026-01-03T00:00:00Z"), next("0 0 0 1-5/2 * *", "2026-01-01T00:00:00Z"));
    }

    @Test
    void monthAndDayNamesIgnoreCase() {
        assertEquals(at("2026-03-02T00:00:00Z"), next("0 0 0 * MAR MON", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-03-02T00:00:00Z"), next("0 0 0 * mar mon", "2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 0 * * 0", "0 0 0 * * 7", "0 0 0 * * SUN", "0 0 0 ? * SUN"})
    void sundayIsZeroOrSeven(String expression) {
        assertEquals(at("2026-01-04T00:00:00Z"), next(expression, "2026-01-01T00:00:00Z"));
    }

    @Test
    void questionMarkMeansAnyInEveryField() {
        assertEquals(at("2026-01-02T00:00:00Z"), next("0 0 0 ? * ?", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-01T00:00:01Z"), next("? * * * * *", "2026-01-01T00:00:00Z"));
    }

    @Test
    void restrictedDayOfMonthAndDayOfWeekMatchEither() {
        // 2026-01-05 is a Monday, 2026-02-01 a Sunday
        assertEquals(List.of(at("2026-01-05T00:00:00Z"), at("2026-01-12T00:00:00Z"), at("2026-01-19T00:00:00Z"),
                        at("2026-01-26T00:00:00Z"), at("2026-02-01T00:00:00Z"), at("2026-02-02T00:00:00Z")),
                fires("0 0 0 1 * MON", "2026-01-01T00:00:00Z", 6));
        assertEquals(at("2026-02-01T00:00:00Z"), next("0 0 1 * MON", "2026-01-26T00:00:00Z"));
    }

    @Test
    void aStarInOneDayFieldLetsTheOtherDecide() {
        assertEquals(at("2026-02-01T00:00:00Z"), next("0 0 0 1 * *", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-05T00:00:00Z"), next("0 0 0 * * MON", "2026-01-01T00:00:00Z"));
        assertEquals(at("2026-01-05T00:00:00Z"), next("0 0 0 */1 * MON", "2026-01-01T00:00:00Z"));
    }

    @Test
    void aCronThatNeverFiresIsRefused() {
        InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> parser.parse("0 0 0 31 2 *", "", "job"));
        assertTrue(e.getMessage().contains("never fires"), e.getMessage());
        assertThrows(InvalidScheduleException.class, () -> parser.parse("59 23 31 2 *", "", "job"));
    }

    @Test
    void subSecondReferenceGivesWholeSeconds() {
        assertEquals(at("2026-01-01T12:00:04Z"), next("* * * * * *", "2026-01-01T12:00:03.088Z"));
        assertEquals(at("2026-01-01T12:01:00Z"), next("0 * * * * *", "2026-01-01T12:00:59.999Z"));
        fires("* * * * * *", "2026-01-01T12:00:03.088Z", 100)
                .forEach(fire -> assertEquals(0, fire.getNano(), fire::toString));
    }

    @Test
    void nextIsStrictlyAfter() {
        assertEquals(at("2026-01-01T12:00:05Z"), next("* * * * * *", "2026-01-01T12:00:04Z"));
        assertEquals(at("2026-01-02T00:00:00Z"), next("0 0 0 * * *", "2026-01-01T00:00:00Z"));
    }

    /** Its speed is measured by the benchmark (bench/), not here: a timed test fails on a busy machine. */
    @Test
    void parsedOnceItWalksTenThousandFiresInStep() {
        Schedule schedule = parser.parse("0 */5 * * * *", "Europe/Paris", "job");
        Instant fire = at("2026-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            fire = schedule.nextFireAfter(fire).orElseThrow();
        }
        assertEquals(at("2026-02-04T17:20:00Z"), fire);
    }

    @Test
    void sharedBetweenThreads() {
        Schedule schedule = parser.parse("0 0 0 1 * MON", "Europe/Paris", "job");
        List<Instant> sequential = new ArrayList<>();
        for (int day = 0; day < 400; day++) {
            sequential.add(schedule.nextFireAfter(at("2026-01-01T00:00:00Z").plusSeconds(86_400L * day)).orElseThrow());
        }
        List<Instant> parallel = IntStream.range(0, 400).parallel()
                .mapToObj(day -> schedule.nextFireAfter(at("2026-01-01T00:00:00Z").plusSeconds(86_400L * day))
                        .orElseThrow())
                .toList();
        assertEquals(sequential, parallel);
    }

    @Test
    void theExpressionIsKeptAsWritten() {
        assertEquals("TZ=Europe/Paris 0 ~ * * *", parser.parse("TZ=Europe/Paris 0 ~ * * *", "", "job").expression());
    }

    private Instant next(String expression, String after) {
        return parser.parse(expression, "", "job").nextFireAfter(at(after)).orElseThrow();
    }

    private List<Instant> fires(String expression, String after, int count) {
        Schedule schedule = parser.parse(expression, "", "job");
        List<Instant> fires = new ArrayList<>();
        Instant fire = at(after);
        for (int i = 0; i < count; i++) {
            fire = schedule.nextFireAfter(fire).orElseThrow();
            fires.add(fire);
        }
        return fires;
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
