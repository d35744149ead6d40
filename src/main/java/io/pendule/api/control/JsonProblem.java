package io.pendule.api.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.pendule.api.entity.FieldError;

import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON document, as a field error: the path to the bad value ("body" for bad syntax), and what it
 * should be, in the client's words ("must be an integer"), never the parser's (its Java types and feature names).
 */
public final class JsonProblem {

    private JsonProblem() {
    }

    public static FieldError of(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return new FieldError(field, e instanceof UnrecognizedPropertyException
                    ? "unknown field: refused rather than ignored, so that a misspelt or outdated field is not lost silently"
                    : expected(m));
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            return new FieldError(fieldAt(read.getProcessor().getParsingContext()), "given twice: which one counts would be a guess");
        }
        return new FieldError("body", e.getOriginalMessage());
    }

    /** What the value should have been, by the type it was read into; the parser's own words only when unknown. */
    private static String expected(JsonMappingException e) {
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return withoutInternals(e.getOriginalMessage());
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "must be an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an RFC 3339 date-time string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a JSON array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "must be a JSON object";
        }
        return withoutInternals(e.getOriginalMessage());
    }

    /** The parser's message without its advice to Java programmers ("(set DeserializationFeature…)") or class names. */
    public static String withoutInternals(String message) {
        String text = message == null ? "invalid value" : message;
        int advice = text.indexOf(" (");
        if (advice > 0 && (text.contains("Feature") || text.contains("CoercionConfig") || text.contains("`"))) {
            text = text.substring(0, advice);
        }
        return text.replaceAll("`[^`]*`", "this value").replace("java.lang.", "");
    }

    /** The dotted path of where a parser is ("executor_config.command", "notifications[1].webhook"). */
    private static String fieldAt(JsonStreamContext context) {
        List<String> steps = new ArrayList<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            steps.add(0, at.inArray() ? "[" + at.getCurrentIndex() + "]" : at.getCurrentName());
        }
        return String.join(".", steps).replace(".[", "[");
    }

    /** For a JSON failure wrapped on its way out of a parser (see JobJson). */
    public static FieldError of(RuntimeException wrapped) {
        return wrapped.getCause() instanceof JsonProcessingException e ? of(e)
                : new FieldError("body", String.valueOf(wrapped.getMessage()));
    }
}
