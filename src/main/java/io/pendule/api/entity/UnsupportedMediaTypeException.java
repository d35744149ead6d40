package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A request body in a form the API cannot read. Answers 415, naming the header at fault. */
@ApplicationException(rollback = true)
public class UnsupportedMediaTypeException extends RuntimeException {

    private final List<FieldError> errors;

    public UnsupportedMediaTypeException(String field, String message) {
        super(message);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
