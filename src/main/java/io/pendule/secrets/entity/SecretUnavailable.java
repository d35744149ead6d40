package io.pendule.secrets.entity;

/**
 * A secret a run needs that cannot be given to it: not found, unreadable, encrypted with another key. The message is
 * the run's error: it names the secret, never a value.
 */
public class SecretUnavailable extends RuntimeException {

    public SecretUnavailable(String message) {
        super(message);
    }

    public SecretUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
