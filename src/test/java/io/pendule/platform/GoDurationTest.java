package io.pendule.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoDurationTest {

    @Test
    void readsGoDurations() {
        assertEquals(Duration.ofSeconds(30), GoDuration.parse("30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofNanos(1_500), GoDuration.parse("1us500ns"));
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "30", "1x", "h", "1h 30m", "-5s", ".s", "1e3s"})
    void refusesWhatGoRefuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }

    /** A 10 kB duration is refused by its length, with a message that does not repeat it, never a StackOverflowError. */
    @ParameterizedTest
    @ValueSource(ints = {1_000, 5_000})
    void refusesALongDurationWithoutOverflowingTheStack(int units) {
        String text = "1s".repeat(units);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertTrue(refused.getMessage().contains("at most 64"), refused.getMessage());
        assertTrue(refused.getMessage().length() < 200, refused.getMessage());
    }

    @Test
    void readsUpTo64CharactersAndNoMore() {
        assertEquals(Duration.ofSeconds(32), GoDuration.parse("1s".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("1s".repeat(32) + "1"));
        assertEquals(Duration.ofSeconds(32), GoDuration.parse("  " + "1s".repeat(32) + " "), "spaces around are not counted");
    }

    /**
     * The loop reads exactly what the regular expressions read before it: every text of up to 5 characters from the
     * syntax's own characters (and one foreign), the same value or the same refusal.
     */
    @Test
    void acceptsExactlyWhatTheRegularExpressionsAccepted() {
        List<String> alphabet = List.of("0", "1", "9", ".", "n", "u", "µ", "μ", "m", "s", "h", "x", " ");
        List<String> texts = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= 5; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (String c : alphabet) {
                    next.add(prefix + c);
                }
            }
            texts.addAll(next);
            previous = next;
        }
        int accepted = 0;
        for (String text : texts) {
            Duration expected = formerParse(text);
            Duration actual;
            try {
                actual = GoDuration.parse(text);
            } catch (IllegalArgumentException refused) {
                actual = null;
            }
            assertTrue(Objects.equals(expected, actual), "\"" + text + "\": before " + expected + ", now " + actual);
            accepted += actual == null ? 0 : 1;
        }
        assertTrue(accepted > 1_000, "a comparison of refusals only: " + accepted);
    }

    private static final Pattern WHOLE = Pattern.compile("^([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    /** GoDuration.parse as it was, with its regular expressions: null where it refused. */
    private static Duration formerParse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if ("0".equals(trimmed)) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            return null;
        }
        double nanos = 0;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            String number = part.group(1);
            if (number.isEmpty() || ".".equals(number)) {
                return null;
            }
            long per = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += Double.parseDouble(number) * per;
        }
        return nanos > Long.MAX_VALUE ? null : Duration.ofNanos(Math.round(nanos));
    }
}
