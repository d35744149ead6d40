package io.pendule.secrets.entity;

/** A {@code ${secret:…}} that cannot be read; the message says where and why, never what follows. */
public class MalformedReference extends IllegalArgumentException {

    public MalformedReference(String message) {
        super(message);
    }
}
