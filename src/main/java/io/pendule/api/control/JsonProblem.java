package io.pendule.api.control;

import io.pendule.api.entity.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

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
        return new FieldError("body", e.getOriginalMessage());
    }

    /** For a JSON failure wrapped on its way out of a parser (see JobJson). */
    public static FieldError of(RuntimeException wrapped) {
        return wrapped.getCause() instanceof JsonProcessingException e ? of(e)
                : new FieldError("body", String.valueOf(wrapped.getMessage()));
    }
}
