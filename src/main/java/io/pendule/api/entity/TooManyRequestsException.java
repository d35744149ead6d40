package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

import java.time.Duration;

/** The caller has as many requests of a kind going as it may have at once. Answers 429 with Retry-After. */
@ApplicationException(rollback = true)
public class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
