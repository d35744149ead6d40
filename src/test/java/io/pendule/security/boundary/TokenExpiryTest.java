package io.pendule.security.boundary;

import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenExpiryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void theApiTakesAnRfc3339TimeWithItsOffset() {
        assertEquals(Instant.parse("2030-01-31T00:00:00Z"), TokenExpiry.at("2030-01-31T00:00:00Z"));
        assertEquals(Instant.parse("2030-01-30T22:00:00Z"), TokenExpiry.at("2030-01-31T00:00:00+02:00"));
        assertEquals(Instant.parse("2030-01-31T00:00:00.5Z"), TokenExpiry.at(" 2030-01-31T00:00:00.5Z "));
        assertNull(TokenExpiry.at(null), "never");
        assertNull(TokenExpiry.at(""), "never");
    }

    @Test
    void aTimeWithoutOffsetOrNoTimeAtAllIsRefusedByName() {
        for (String text : new String[] {"2030-01-31", "2030-01-31T00:00:00", "tomorrow", "1893456000"}) {
            ValidationException refused = assertThrows(ValidationException.class, () -> TokenExpiry.at(text), text);
            assertEquals("expires_at", refused.errors().get(0).field());
        }
    }

    @Test
    void thePageOffersLifetimesFromNow() {
        assertNull(TokenExpiry.after("", NOW), "never");
        assertNull(TokenExpiry.after(null, NOW), "never");
        assertEquals(NOW.plus(Duration.ofDays(30)), TokenExpiry.after("30d", NOW));
        assertEquals(NOW.plus(Duration.ofDays(365)), TokenExpiry.after("365d", NOW));
        assertEquals("expires", assertThrows(ValidationException.class, () -> TokenExpiry.after("12d", NOW)).errors().get(0).field());
    }
}
