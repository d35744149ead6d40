package io.pendule.api.entity;

import jakarta.ejb.ApplicationException;

/** A request that is well-formed but clashes with the stored state (e.g. deleting a parent job). Answers 409. */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
