package io.pendule.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pendule.schedules.entity.InvalidScheduleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidScheduleTest {

    private final ScheduleParser parser = new ScheduleParser();

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void emptySchedules(String expression) {
        assertEquals("empty schedule", failure(expression));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 61 * * * *    | field 2 (minutes) \"61\": Value 61 not in range [0, 59]",
            "60 0 * * * *    | field 1 (seconds) \"60\": Value 60 not in range [0, 59]",
            "0 0 24 * * *    | field 3 (hours) \"24\": Value 24 not in range [0, 23]",
            "0 0 0 32 * *    | field 4 (day of month) \"32\": Value 32 not in range [1, 31]",
            "0 0 0 0 * *     | field 4 (day of month) \"0\": Value 0 not in range [1, 31]",
            "0 0 0 * 13 *    | field 5 (month) \"13\": Value 13 not in range [1, 12]",
            "0 0 0 * * 8     | field 6 (day of week) \"8\": Value 8 not in range [0, 7]",
            "61 * * * *      | field 1 (minutes) \"61\": Value 61 not in range [0, 59]",
            "*/0 * * * * *   | field 1 (seconds) \"*/0\"",
            "0 0 0 * * * *   | expected 5 or 6 fields, found 7",
            "* * *           | expected 5 or 6 fields, found 3",
            "0 0 0 * FOO *   | field 5 (month) \"FOO\"",
            "0 0 0 L * *     | field 4 (day of month) \"L\""})
    void invalidCronNamesTheFieldItsPositionAndTheProblem(String expression, String offendingPart) {
        String message = failure(expression);
        assertTrue(message.startsWith("invalid cron expression \"" + expression + "\": "), message);
        assertTrue(message.contains(offendingPart), message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@foo                 | unrecognized descriptor: @foo",
            "@every               | invalid @every interval: empty duration",
            "@every 500ms         | @every interval must be at least 1s, found \"500ms\"",
            "@every 0             | @every interval must be at least 1s, found \"0\"",
            "@daily 12:00         | unexpected \"12:00\" after @daily",
            "@manually now        | unexpected \"now\" after @manually",
            "@at tomorrow         | invalid @at time \"tomorrow\": expected RFC 3339, e.g. 2026-12-31T23:59:00Z",
            "@at                  | invalid @at time \"\": expected RFC 3339, e.g. 2026-12-31T23:59:00Z"})
    void invalidDescriptors(String expression, String message) {
        assertEquals(message, failure(expression));
    }

    @Test
    void invalidEveryDuration() {
        assertTrue(failure("@every 1 hour").startsWith("invalid @every interval: invalid duration"));
    }

    @Test
    void unknownTimeZone() {
        assertEquals("unknown time zone Mars/Olympus",
                assertThrows(InvalidScheduleException.class, () -> parser.parse("@daily", "Mars/Olympus", "job"))
                        .getMessage());
    }

    private String failure(String expression) {
        return assertThrows(InvalidScheduleException.class, () -> parser.parse(expression, "", "job")).getMessage();
    }
}
