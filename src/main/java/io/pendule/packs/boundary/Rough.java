package io.pendule.packs.boundary;

import java.time.Duration;

/**
 * A duration rounded down to its largest unit (ms, s, min, h, d), for a cell's age and run time: the page says it with
 * the message {@code matrix.unit.<unit>} of the reader's language.
 */
public record Rough(long amount, String unit) {

    static Rough of(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return new Rough(millis, "ms");
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return new Rough(seconds, "s");
        }
        if (seconds < 3600) {
            return new Rough(seconds / 60, "min");
        }
        if (seconds < 48 * 3600) {
            return new Rough(seconds / 3600, "h");
        }
        return new Rough(seconds / 86400, "d");
    }
}
