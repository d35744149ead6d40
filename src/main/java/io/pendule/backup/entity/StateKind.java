package io.pendule.backup.entity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A kind of thing an export holds, as an array of objects in the document: its name there, the fields that make an
 * item's key, and the fields that tell how a thing has run rather than what it is (a job's counters and next fire),
 * which an import neither compares nor carries.
 */
public enum StateKind {
    JOBS("jobs", List.of("name"), Set.of("id", "success_count", "error_count", "last_success", "last_error", "status",
            "next", "dependent_jobs")),
    PACKS("packs", List.of("name", "version"), Set.of()),
    ENDPOINTS("endpoints", List.of("slug"), Set.of()),
    ACTIVATIONS("activations", List.of("type", "pack", "slug"), Set.of()),
    PACK_CONFIGS("pack_configs", List.of("type", "pack", "target"), Set.of()),
    USERS("users", List.of("name"), Set.of()),
    TOKENS("tokens", List.of("id"), Set.of()),
    SECRETS("secrets", List.of("name"), Set.of());

    /** The document's object of cluster settings, compared setting by setting. */
    public static final String SETTINGS = "settings";

    private final String field;
    private final List<String> keyFields;
    private final Set<String> runState;

    StateKind(String field, List<String> keyFields, Set<String> runState) {
        this.field = field;
        this.keyFields = keyFields;
        this.runState = runState;
    }

    public String field() {
        return field;
    }

    public List<String> keyFields() {
        return keyFields;
    }

    public Set<String> runState() {
        return runState;
    }

    /** The item's key: its key fields' texts joined by ':' ("pack:1.0.0"). */
    public String keyOf(JsonNode item) {
        return keyFields.stream().map(name -> item.path(name).asText("")).collect(Collectors.joining(":"));
    }
}
