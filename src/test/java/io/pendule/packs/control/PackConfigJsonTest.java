package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configuration's JSON checked, kept as written, and stored as HDM stores it: base64 of its UTF-8 bytes. */
class PackConfigJsonTest {

    private static final String NON_ASCII = "{\"seuil\": \"élevé ≥ 90 %\", \"emoji\": \"\uD83D\uDE80\", \"中文\": [1, 2.5, null]}";

    @Test
    void base64RoundTripKeepsNonAsciiText() {
        String stored = PackConfigJson.encoded(NON_ASCII);
        assertEquals(Base64.getEncoder().encodeToString(NON_ASCII.getBytes(StandardCharsets.UTF_8)), stored);
        assertTrue(stored.matches("[A-Za-z0-9+/=]+"), stored);
        assertEquals(NON_ASCII, PackConfigJson.decoded(stored));
        String python = "eyJhIjogMX0=\n"; // base64.encodebytes(b'{"a": 1}') in Python: a trailing line break
        assertEquals("{\"a\": 1}", PackConfigJson.decoded(python));
    }

    @Test
    void anyJsonValueIsKeptAsWritten() {
        assertEquals(NON_ASCII, PackConfigJson.checked(NON_ASCII, PackConfigSchema.NONE, "body"));
        assertEquals("[1, 2]", PackConfigJson.checked("[1, 2]", PackConfigSchema.NONE, "body"));
        assertEquals(" {\"a\" : 1}\n", PackConfigJson.checked(" {\"a\" : 1}\n", PackConfigSchema.NONE, "body"));
    }

    @Test
    void whatIsNotJsonIsRefusedWithItsPositionNeverItsText() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> PackConfigJson.checked("{\n  \"password\": \"hunter2\",\n  oops\n}", PackConfigSchema.NONE, "json"));
        String message = refused.errors().get(0).message();
        assertEquals("json", refused.errors().get(0).field());
        assertTrue(message.startsWith("not JSON at line 3, column "), message);
        assertFalse(message.contains("hunter2") || message.contains("Source") || message.contains("com.fasterxml"), message);
        String deep = assertThrows(ValidationException.class, () -> PackConfigJson.checked("[".repeat(5000) + "]".repeat(5000),
                PackConfigSchema.NONE, "body")).errors().get(0).message();
        assertTrue(deep.contains("nested too deeply") && !deep.contains("StreamReadConstraints"), deep);
        for (String bad : List.of("", "  ", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}", "{'a':1}", "[1,", "x".repeat(PackConfigJson.MAX_LENGTH + 1))) {
            assertThrows(ValidationException.class, () -> PackConfigJson.checked(bad, PackConfigSchema.NONE, "body"), bad);
        }
    }

    @Test
    void theSchemaSeamRefusesWhatTheSchemaRefusesNamingEachPath() {
        PackConfigSchema needsThreshold = config -> config.has("threshold") ? List.of()
                : List.of(new FieldError("$", "required property 'threshold' not found"));
        assertEquals("{\"threshold\":1}", PackConfigJson.checked("{\"threshold\":1}", needsThreshold, "body"));
        ValidationException refused = assertThrows(ValidationException.class,
                () -> PackConfigJson.checked("{}", needsThreshold, "body"));
        assertEquals(List.of(new FieldError("$", "required property 'threshold' not found")), refused.errors());
    }
}
