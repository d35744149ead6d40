package io.pendule.api.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.pendule.api.entity.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What is wrong with a JSON document, as a field error: the path to the bad value ("body" for bad syntax). */
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
                    : m.getOriginalMessage());
        }
        if (e instanceof StreamReadException read && read.getProcessor() != null
                && e.getOriginalMessage().startsWith("Duplicate field")) {
            return new FieldError(fieldAt(read.getProcessor().getParsingContext()), "given twice: which one counts would be a guess");
        }
        return new FieldError("body", e.getOriginalMessage());
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
