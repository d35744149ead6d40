package io.pendule.platform;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Go's time.ParseDuration reads them ("1h30m", "500ms", "1.5h", "90s"),
 * which is how Dkron's users write shell timeouts and {@code @every} intervals.
 */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("^([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for a user when the text is not a duration */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String trimmed = text.trim();
        if ("0".equals(trimmed)) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 30s, 1h30m, 500ms)");
        }
        double nanos = 0;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            String number = part.group(1);
            if (number.isEmpty() || ".".equals(number)) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\" (examples: 30s, 1h30m, 500ms)");
            }
            nanos += Double.parseDouble(number) * nanosPer(part.group(2));
        }
        if (nanos > Long.MAX_VALUE) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
        return Duration.ofNanos(Math.round(nanos));
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
