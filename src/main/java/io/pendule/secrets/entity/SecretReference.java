package io.pendule.secrets.entity;

/**
 * A {@code ${secret:NAME}} or {@code ${secret:PROVIDER:NAME}} in a job's config.
 *
 * @param provider the one provider to ask, or null to ask each in {@link SecretProvider#ORDER}
 */
public record SecretReference(SecretProvider provider, String name) {

    @Override
    public String toString() {
        return provider == null ? name : provider.code() + ":" + name;
    }
}
