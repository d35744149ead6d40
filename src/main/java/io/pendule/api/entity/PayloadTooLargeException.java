package io.pendule.api.entity;

/** A request body over the limit. Answers 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
