package io.pendule.executors.entity;

import java.util.List;
import java.util.stream.Collectors;

/** An executor_config read into {@code T}: the value when the config is valid, otherwise every problem found. */
public record Validated<T>(T value, List<ConfigError> errors) {

    public Validated {
        errors = List.copyOf(errors);
        if (errors.isEmpty() == (value == null)) {
            throw new IllegalArgumentException("exactly one of value and errors expected");
        }
    }

    public static <T> Validated<T> of(T valueIfValid, List<ConfigError> errors) {
        return new Validated<>(errors.isEmpty() ? valueIfValid : null, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** "key: message; key: message", for the error of a run whose config was invalid. */
    public String describeErrors() {
        return errors.stream().map(e -> e.key() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
