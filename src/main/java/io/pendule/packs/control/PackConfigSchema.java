package io.pendule.packs.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.entity.FieldError;

import java.util.List;

/**
 * What a pack's config-schema.json refuses in a configuration ({@link JsonSchemaFiles}): one problem per violation,
 * its field the JSON path of the value at fault ({@code $} the whole configuration, {@code $.tables[0]}); none:
 * accepted. {@link #NONE} accepts any JSON: the schema of a pack without config-schema.json, and of a configuration
 * whose pack is not in the registry (written for HDM).
 */
@FunctionalInterface
public interface PackConfigSchema {

    PackConfigSchema NONE = config -> List.of();

    List<FieldError> problems(JsonNode config);
}
