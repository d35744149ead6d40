package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJsonReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.ValidationException;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.io.StringReader;

/** RFC 7386 JSON merge patch, applied by the platform's JSON-P to a job's JSON. */
final class MergePatch {

    private MergePatch() {
    }

    static JsonNode apply(JsonNode target, String patch) {
        JsonNode patchTree = JobJsonReader.tree(patch == null || patch.isBlank() ? "null" : patch);
        if (!patchTree.isObject()) {
            throw new ValidationException("Job validation failed", "body", "a merge patch must be a JSON object");
        }
        JsonValue merged = Json.createMergePatch(read(patchTree)).apply(read(target));
        return JobJsonReader.tree(merged.toString());
    }

    private static JsonValue read(JsonNode tree) {
        try (var reader = Json.createReader(new StringReader(tree.toString()))) {
            return reader.readValue();
        }
    }
}
