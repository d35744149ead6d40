package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

/** A request body over the limit. Answers 413. */
@ApplicationException(rollback = true)
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
