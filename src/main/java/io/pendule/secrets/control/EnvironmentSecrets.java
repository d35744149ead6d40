package io.pendule.secrets.control;

import io.pendule.secrets.entity.SecretName;
import io.pendule.secrets.entity.SecretProvider;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Secrets as variables of the worker's process: {@code ${secret:api-token}} is {@code PENDULE_SECRET_API_TOKEN}
 * (upper-cased, '-' and '.' written '_'). The settings that share the prefix are never secrets: a job must not be able
 * to send the store's key somewhere.
 */
@ApplicationScoped
public class EnvironmentSecrets implements SecretSource {

    static final String PREFIX = "PENDULE_SECRET_";
    static final Set<String> SETTINGS = Set.of("PENDULE_SECRET_KEY", "PENDULE_SECRET_KEY_PREVIOUS", "PENDULE_SECRET_CACHE");

    private final UnaryOperator<String> environment;

    public EnvironmentSecrets() {
        this(System::getenv);
    }

    EnvironmentSecrets(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public SecretProvider provider() {
        return SecretProvider.ENV;
    }

    @Override
    public Optional<String> value(String name) {
        if (!SecretName.valid(name)) {
            return Optional.empty();
        }
        String variable = variableOf(name);
        return SETTINGS.contains(variable) ? Optional.empty() : Optional.ofNullable(environment.apply(variable));
    }

    static String variableOf(String name) {
        return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
