package io.pendule.schedules.entity;

/** A schedule expression that cannot be parsed; the message says why, in words fit for the user. */
public class InvalidScheduleException extends RuntimeException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}
