package io.pendule.api.entity;

/** A problem with one field of a request: the field's name (as the client wrote it) and what is wrong. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
