package io.pendule.secrets.control;

import io.pendule.secrets.entity.SecretProvider;

import java.util.Optional;

/** One provider of secret values, asked on the worker when a run starts. */
public interface SecretSource {

    SecretProvider provider();

    /** The value of the secret {@code name} (a valid name), or empty when this provider has none by that name. */
    Optional<String> value(String name);

    /** Why this provider cannot be asked, if it cannot: a reference naming it is refused at save, and its runs fail. */
    default Optional<String> notConfigured() {
        return Optional.empty();
    }
}
