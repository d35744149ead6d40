package io.pendule.api.entity;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.platform.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorJsonTest {

    /** react-admin reads body.errors as {field: message}; the list, in order, stays under violations. */
    @Test
    void errorsIsAMapOfFieldToMessagesJoinedAndViolationsTheOrderedList() throws Exception {
        ErrorJson body = new ErrorJson("Job validation failed: …", List.of(new FieldError("schedule", "can't parse"),
                new FieldError("retries", "must be 0 or more"), new FieldError("schedule", "is empty")));
        JsonNode json = Json.MAPPER.readTree(Json.write(body));
        assertEquals("{\"schedule\":\"can't parse; is empty\",\"retries\":\"must be 0 or more\"}", json.get("errors").toString());
        assertEquals("[{\"field\":\"schedule\",\"message\":\"can't parse\"},{\"field\":\"retries\",\"message\":\"must be 0 or more\"},"
                + "{\"field\":\"schedule\",\"message\":\"is empty\"}]", json.get("violations").toString());
        assertEquals("Job validation failed: …", json.get("message").asText());
        assertEquals(List.of("message", "errors", "violations"), fieldNames(json));
    }

    @Test
    void anErrorWithoutFieldsHasAnEmptyMapAndList() throws Exception {
        JsonNode json = Json.MAPPER.readTree(Json.write(new ErrorJson("job not found", List.of())));
        assertEquals("{}", json.get("errors").toString());
        assertEquals("[]", json.get("violations").toString());
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
