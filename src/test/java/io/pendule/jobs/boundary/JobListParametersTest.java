package io.pendule.jobs.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobListParametersTest {

    @Test
    void theTextAndTheMetadataAreRead() {
        var query = JobListParameters.read(parameters(Map.of("q", "backup", "metadata[team]", "core")));
        assertEquals("backup", query.text());
        assertEquals(Map.of("team", "core"), query.metadata());
    }

    @Test
    void aNulCharacterInTheTextOrTheMetadataIsRefusedNamingTheParameter() {
        ValidationException refused = assertThrows(ValidationException.class, () -> JobListParameters.read(
                parameters(Map.of("q", "\u0000"))));
        assertEquals(List.of("q"), refused.errors().stream().map(FieldError::field).toList());
        refused = assertThrows(ValidationException.class, () -> JobListParameters.read(
                parameters(Map.of("metadata[team]", "co\u0000re"))));
        assertEquals(List.of("metadata[team]"), refused.errors().stream().map(FieldError::field).toList());
    }

    private static MultivaluedMap<String, String> parameters(Map<String, String> values) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        values.forEach(parameters::add);
        return parameters;
    }
}
