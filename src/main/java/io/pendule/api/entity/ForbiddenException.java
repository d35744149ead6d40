package io.pendule.api.entity;

/**
 * A request the caller's role or the data it touches does not allow (an operator saving a shell job), refused before
 * anything was changed. Answers 403, saying what would allow it.
 */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
