package io.pendule.platform;

/** A request body over the limit. Answers 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
