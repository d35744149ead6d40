package io.pendule.api.entity;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of every error answer: a message; the fields concerned when the client sent something wrong, as the map
 * form libraries read ({@code errors}: field → message, several messages for one field joined with "; ", as
 * react-admin's HttpError body expects), and as the ordered list of every problem ({@code violations}).
 */
@JsonPropertyOrder({"message", "errors", "violations"})
@Schema(description = "An error: its message; errors, each field concerned → what is wrong (several joined with \"; \"), "
        + "as form libraries such as react-admin read it; violations, the same as an ordered list")
public record ErrorJson(String message, Map<String, String> errors, List<FieldError> violations) {

    public ErrorJson(String message, List<FieldError> violations) {
        this(message, byField(violations), List.copyOf(violations));
    }

    /** Field → message, in the order the fields first come; a field named twice gets its messages joined with "; ". */
    public static Map<String, String> byField(List<FieldError> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError violation : violations) {
            errors.merge(violation.field(), violation.message(), (first, next) -> first + "; " + next);
        }
        return errors;
    }
}
