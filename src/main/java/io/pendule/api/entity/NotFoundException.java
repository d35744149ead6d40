package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** The thing a request names does not exist. Answers 404, naming the field that named it when there is one. */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    private final List<FieldError> errors;

    public NotFoundException(String message) {
        super(message);
        this.errors = List.of();
    }

    public NotFoundException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
