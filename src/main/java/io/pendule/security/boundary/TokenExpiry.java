package io.pendule.security.boundary;

import io.pendule.api.entity.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a new token expires: the API's {@code expires_at} (an RFC 3339 time), or the page's choice of a lifetime (no
 * time zone to guess). Null: never.
 */
final class TokenExpiry {

    /** The page's lifetimes, in the order offered; "" is never. */
    static final Map<String, Duration> LIFETIMES = lifetimes();

    private TokenExpiry() {
    }

    private static Map<String, Duration> lifetimes() {
        Map<String, Duration> lifetimes = new LinkedHashMap<>();
        lifetimes.put("1d", Duration.ofDays(1));
        lifetimes.put("7d", Duration.ofDays(7));
        lifetimes.put("30d", Duration.ofDays(30));
        lifetimes.put("90d", Duration.ofDays(90));
        lifetimes.put("365d", Duration.ofDays(365));
        return lifetimes;
    }

    /** {@code expires_at} as the API takes it: "2030-01-31T00:00:00Z", or with an offset; null or blank: never. */
    static Instant at(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("Token validation failed", "expires_at",
                    "an RFC 3339 time with its offset, such as 2030-01-31T00:00:00Z");
        }
    }

    /** The page's lifetime {@code choice} from {@code now}: one of {@link #LIFETIMES}' keys, or "" (null) for never. */
    static Instant after(String choice, Instant now) {
        if (choice == null || choice.isEmpty()) {
            return null;
        }
        Duration lifetime = LIFETIMES.get(choice);
        if (lifetime == null) {
            throw new ValidationException("Token validation failed", "expires", "one of never, " + String.join(", ", LIFETIMES.keySet()));
        }
        return now.plus(lifetime);
    }
}
