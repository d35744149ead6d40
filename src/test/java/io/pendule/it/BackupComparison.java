package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whether the jobs of a backup came back whole: every field as in the file but next, which is computed again at
 * save and fields the backup leaves out, with times to the microsecond (what the databases keep) and dependents in any order.
 */
final class BackupComparison {

    private static final List<String> FIELDS = List.of("name", "displayname", "timezone", "schedule", "owner",
            "owner_email", "success_count", "error_count", "disabled", "tags", "metadata", "retries", "parent_job",
            "processors", "concurrency", "executor", "executor_config", "status", "ephemeral");
    private static final List<String> TIMES = List.of("last_success", "last_error", "starts_at", "expires_at");

    private BackupComparison() {
    }

    static void assertRestored(JsonNode backup, Api api) {
        for (JsonNode saved : backup) {
            String name = saved.get("name").asText();
            JsonNode restored = api.get("/jobs/" + name).json();
            for (String field : FIELDS) {
                if (saved.has(field)) { // a field the backup leaves out takes its default
                    assertEquals(normal(saved.get(field)), normal(restored.get(field)), name + "." + field);
                }
            }
            for (String field : TIMES) {
                assertEquals(micros(saved.get(field)), micros(restored.get(field)), name + "." + field);
            }
            assertEquals(sorted(saved.get("dependent_jobs")), sorted(restored.get("dependent_jobs")), name + ".dependent_jobs");
        }
    }

    /** A missing field and null are the same; so are an empty map and null (Dkron's protobuf makes no difference). */
    private static String normal(JsonNode value) {
        if (value == null || value.isNull() || (value.isObject() && value.isEmpty())) {
            return "null";
        }
        return value.toString();
    }

    private static String micros(JsonNode value) {
        return value == null || value.isNull() ? "null"
                : Instant.parse(value.asText()).truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static List<String> sorted(JsonNode names) {
        List<String> list = new ArrayList<>();
        if (names != null && names.isArray()) {
            StreamSupport.stream(names.spliterator(), false).map(JsonNode::asText).sorted().forEach(list::add);
        }
        return list;
    }
}
