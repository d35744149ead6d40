package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

/** The request is fine but this service refuses it for now (e.g. job submissions paused). Answers 503. */
@ApplicationException(rollback = true)
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message) {
        super(message);
    }
}
