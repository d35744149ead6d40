package io.pendule.platform;

/** The thing a request names does not exist. Answers 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
