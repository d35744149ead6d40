package io.pendule.clock.control;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the node being built, standing in for Payara's MicroProfile Config: {@code platform.Settings} reads
 * them, mostly in field initialisers, so a node's beans take the values given to {@link #use} before they are built.
 * Strings only, which is all Settings asks for.
 */
final class NodeSettings implements Config {

    private static final NodeSettings CURRENT = new NodeSettings();

    static {
        ConfigProviderResolver.setInstance(new Resolver());
    }

    private volatile Map<String, String> values = Map.of();

    private NodeSettings() {
    }

    /** The settings that the beans built from now on read. */
    static void use(Map<String, String> values) {
        CURRENT.values = Map.copyOf(values);
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        if (type != String.class) {
            throw new UnsupportedOperationException("only String settings are stood in, not " + type);
        }
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new java.util.NoSuchElementException(name));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException("getConfigValue");
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return type.cast(this);
    }

    private static final class Resolver extends ConfigProviderResolver {

        @Override
        public Config getConfig() {
            return CURRENT;
        }

        @Override
        public Config getConfig(ClassLoader loader) {
            return CURRENT;
        }

        @Override
        public ConfigBuilder getBuilder() {
            throw new UnsupportedOperationException("getBuilder");
        }

        @Override
        public void registerConfig(Config config, ClassLoader classLoader) {
            throw new UnsupportedOperationException("registerConfig");
        }

        @Override
        public void releaseConfig(Config config) {
        }
    }
}
