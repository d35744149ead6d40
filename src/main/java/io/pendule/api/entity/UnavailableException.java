package io.pendule.api.entity;

/** The request is fine but this service refuses it for now (e.g. job submissions paused). Answers 503. */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }
}
