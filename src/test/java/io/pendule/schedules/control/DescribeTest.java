package io.pendule.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescribeTest {

    private final ScheduleParser parser = new ScheduleParser();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*/5 * * * * *             |              | every 5 seconds",
            "0 30 9 * * *              | Europe/Paris | at 09:30 (Europe/Paris)",
            "TZ=Europe/Paris 0 30 9 * * * |           | at 09:30 (Europe/Paris)",
            "0 30 9 * * *              | UTC          | at 09:30",
            "@every 1h30m              |              | every 1h30m0s",
            "@every 2h                 |              | every 2h0m0s",
            "@every 90s                |              | every 1m30s",
            "@every 45s                |              | every 45s",
            "@at 2026-12-31T23:59:00Z  |              | once at 2026-12-31T23:59:00Z",
            "@at 2027-01-01T00:59:00+01:00 |          | once at 2026-12-31T23:59:00Z",
            "@manually                 |              | manually only"})
    void inEnglish(String expression, String timezone, String description) {
        assertEquals(description, parser.describe(parser.parse(expression, timezone, "job"), Locale.ENGLISH));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@every 1h30m              | toutes les 1h30m0s",
            "@every 45s                | toutes les 45s",
            "@at 2026-12-31T23:59:00Z  | une seule fois, le 2026-12-31T23:59:00Z",
            "@manually                 | manuellement seulement"})
    void inFrench(String expression, String description) {
        assertEquals(description, parser.describe(parser.parse(expression, "", "job"), Locale.FRENCH));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@every 45s                | every 45s",
            "@manually                 | manually only"})
    void inEnglishForALanguageWithoutTexts(String expression, String description) {
        assertEquals(description, parser.describe(parser.parse(expression, "", "job"), Locale.GERMAN));
    }
}
