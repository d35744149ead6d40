package io.pendule.packs.control;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What a pack's config-schema.json refuses in a configuration, as messages (none: accepted). {@link #NONE} accepts any
 * JSON: the one a pack without a schema has, and every pack's until the registry reads their schemas
 * ({@link PackConfigs#schemaOf}).
 */
@FunctionalInterface
public interface PackConfigSchema {

    PackConfigSchema NONE = config -> List.of();

    List<String> problems(JsonNode config);
}
