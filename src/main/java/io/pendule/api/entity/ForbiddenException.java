package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

/**
 * A request the caller's role or the data it touches does not allow (an operator saving a shell job), refused before
 * anything was changed. Answers 403, saying what would allow it.
 */
@ApplicationException(rollback = true)
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
