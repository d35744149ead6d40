package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

import java.util.List;
import java.util.stream.Collectors;

/** A request refused before anything was changed, with every problem found, field by field. Answers 400. */
@ApplicationException(rollback = true)
public class ValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public ValidationException(String prefix, List<FieldError> errors) {
        super(prefix + ": " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String prefix, String field, String message) {
        this(prefix, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
