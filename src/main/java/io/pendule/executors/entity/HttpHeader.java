package io.pendule.executors.entity;

/** One request header. Its value may be a secret (a token), so it never appears in {@link #toString()}. */
public record HttpHeader(String name, String value) {

    @Override
    public String toString() {
        return name + ": ***";
    }
}
