package io.pendule.api.control;

import io.pendule.api.entity.FieldError;

import java.util.List;

/** A NUL character has no place in Pendule's text, and PostgreSQL's text cannot hold one: refused, field by field. */
public final class NulCharacters {

    public static final String MESSAGE = "must not contain a NUL character";

    private NulCharacters() {
    }

    public static boolean in(String text) {
        return text != null && text.indexOf('\u0000') >= 0;
    }

    /** Adds the refusal of {@code field} to {@code errors} when {@code text} holds a NUL character. */
    public static void check(String field, String text, List<FieldError> errors) {
        if (in(text)) {
            errors.add(new FieldError(field, MESSAGE));
        }
    }
}
