package io.pendule.packs.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.pendule.api.entity.FieldError;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A pack's config-schema.json read as JSON Schema with networknt's json-schema-validator: draft 2020-12 unless the
 * schema's {@code $schema} names another (drafts 4, 6, 7, 2019-09). A schema is read from the pack alone: a
 * {@code $ref} may point inside it, never to a URL or a file (nothing is fetched); {@code format} is an annotation,
 * not checked, as the drafts since 2019-09 say. Messages in English.
 */
public final class JsonSchemaFiles {

    /** Only the meta-schemas the library ships (mapped to classpath: IRIs) are loaded; any other IRI is refused. */
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH)
            .pathType(PathType.JSON_PATH).build();
    private static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final int MOST_PROBLEMS = 10;
    private static final Comparator<FieldError> BY_PATH = Comparator.comparing(FieldError::field).thenComparing(FieldError::message);

    private JsonSchemaFiles() {
    }

    /** The schema {@code schema} says (a JSON object or boolean), ready to check configurations; refs resolved now. */
    public static PackConfigSchema of(JsonNode schema) {
        JsonSchema compiled = FACTORY.getSchema(schema, CONFIG);
        compiled.initializeValidators();
        return config -> compiled.validate(config).stream()
                .map(violation -> new FieldError(violation.getInstanceLocation().toString(), message(violation)))
                .sorted(BY_PATH).distinct().toList();
    }

    /**
     * Why {@code schema} is not a schema this reads: not an object or a boolean, an unknown $schema, a $ref outside it,
     * or what its dialect's meta-schema refuses ({@code "type": 12}), at most {@value #MOST_PROBLEMS}; or none.
     */
    public static List<String> problems(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of("must be a JSON Schema: an object (or true or false)");
        }
        try {
            List<String> wrong = FACTORY.getSchema(SchemaLocation.of(schema.path("$schema").asText(DEFAULT_DIALECT)), CONFIG)
                    .validate(schema).stream().map(violation -> "is not a JSON Schema: " + violation.getMessage()).sorted().toList();
            if (!wrong.isEmpty()) {
                return wrong.size() > MOST_PROBLEMS ? wrong.subList(0, MOST_PROBLEMS) : wrong;
            }
            of(schema);
            return List.of();
        } catch (JsonSchemaException | IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            return List.of("is not a JSON Schema this reads: " + firstLine(e.getMessage()));
        }
    }

    private static String message(ValidationMessage violation) {
        String error = violation.getError();
        return error == null ? firstLine(violation.getMessage()) : error;
    }

    private static String firstLine(String text) {
        return text == null ? "invalid" : text.lines().findFirst().orElse("invalid");
    }
}
