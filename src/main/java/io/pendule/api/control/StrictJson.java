package io.pendule.api.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.pendule.api.entity.ValidationException;
import io.pendule.platform.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a request's JSON object into a type, strictly: an unknown field (a misspelt one would be lost silently), a
 * value of the wrong type ({@code "disabled": "yes"}, {@code "role": 2}), a field given twice (which one counts would
 * be a guess: {@code "role":"viewer","role":"admin"}) or text after the object is refused, and the answer names the
 * field. Whatever the content type: curl -d sends JSON as a form.
 */
public final class StrictJson {

    private static final ObjectMapper STRICT = strict();
    /** As strict, for a document read piece by piece: what follows a piece is the next one, read by the caller. */
    private static final ObjectMapper STRICT_PIECES = strict().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** As strict, for a document whose texts may be long (a state import's packs, in base64), read whole. */
    private static final ObjectMapper STRICT_LONG_TEXTS = longTexts();

    private StrictJson() {
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = Json.MAPPER.copy();
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private static ObjectMapper longTexts() {
        ObjectMapper mapper = strict();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
        return mapper;
    }

    /** As {@link #tree}, with texts of any length (the body's own limit bounds them: api.boundary.BodyLimit). */
    public static JsonNode treeWithLongTexts(String body) throws JsonProcessingException {
        return STRICT_LONG_TEXTS.readTree(body);
    }

    /** Any JSON value, with nothing after it (a plain reading stops after the first value and ignores the rest). */
    public static JsonNode tree(String body) throws JsonProcessingException {
        return STRICT.readTree(body);
    }

    /**
     * A parser over {@code in} with the same strictness (a field given twice refused), for a document read piece by
     * piece rather than whole: its pieces ({@code readValueAsTree}) are read strictly, what follows each by the caller.
     */
    public static JsonParser parser(InputStream in) throws IOException {
        return STRICT_PIECES.createParser(in);
    }

    /** {@code body} as a {@code type}; refused (400, {@code "<what> validation failed"}) when it is not one. */
    public static <T> T read(String body, Class<T> type, String what) {
        String prefix = what + " validation failed";
        if (body == null || body.isBlank()) {
            throw new ValidationException(prefix, "body", "a JSON object is required");
        }
        T value;
        try {
            value = STRICT.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ValidationException(prefix, List.of(JsonProblem.of(e)));
        }
        if (value == null) {
            throw new ValidationException(prefix, "body", "a JSON object is required");
        }
        return value;
    }
}
