package io.pendule.api.entity;

import java.util.List;

/** The body of every error answer: a message, and the fields concerned when the client sent something wrong. */
public record ErrorJson(String message, List<FieldError> errors) {
}
