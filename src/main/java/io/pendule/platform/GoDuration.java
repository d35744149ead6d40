package io.pendule.platform;

import java.time.Duration;
import java.util.List;

/**
 * Durations written the way Go's time.ParseDuration reads them ("1h30m", "500ms", "1.5h", "90s"),
 * which is how Dkron's users write shell timeouts and {@code @every} intervals. Read by a loop over the text, at most
 * {@link #MAX_LENGTH} characters: a regular expression with a repeated group recursed once per unit, and a long
 * enough duration overflowed the thread's stack.
 */
public final class GoDuration {

    /** The longest duration text read; Go's largest duration, "2562047h47m16.854775807s", is 24 characters. */
    public static final int MAX_LENGTH = 64;
    /** The units, tried in this order at each position: "ms" before "m". */
    private static final List<String> UNITS = List.of("ns", "us", "µs", "μs", "ms", "s", "m", "h");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for a user when the text is not a duration */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String trimmed = text.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid duration of " + trimmed.length() + " characters: at most "
                    + MAX_LENGTH + " (examples: 30s, 1h30m, 500ms)");
        }
        if ("0".equals(trimmed)) {
            return Duration.ZERO;
        }
        double nanos = 0;
        int at = 0;
        while (at < trimmed.length()) {
            int numberEnd = digits(trimmed, at);
            if (numberEnd < trimmed.length() && trimmed.charAt(numberEnd) == '.') {
                numberEnd = digits(trimmed, numberEnd + 1);
            }
            String number = trimmed.substring(at, numberEnd);
            String unit = unitAt(trimmed, numberEnd);
            if (number.isEmpty() || ".".equals(number) || unit == null) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 30s, 1h30m, 500ms)");
            }
            nanos += Double.parseDouble(number) * nanosPer(unit);
            at = numberEnd + unit.length();
        }
        if (nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** The position after the ASCII digits from {@code from} on. */
    private static int digits(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at;
    }

    private static String unitAt(String text, int at) {
        for (String unit : UNITS) {
            if (text.startsWith(unit, at)) {
                return unit;
            }
        }
        return null;
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
