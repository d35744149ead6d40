package io.pendule.secrets.control;

import io.pendule.secrets.entity.SecretProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Pendule's store as a provider of the resolver (the store, an EJB, keeps its own no-interface view). */
@ApplicationScoped
public class StoreSecrets implements SecretSource {

    @Inject
    SecretStore store;

    @Override
    public SecretProvider provider() {
        return SecretProvider.STORE;
    }

    @Override
    public Optional<String> value(String name) {
        return store.value(name);
    }
}
