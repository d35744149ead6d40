package io.pendule.platform;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pendule's settings. Each is a MicroProfile Config key, so it can be given as an environment variable
 * ({@code pendule.db.url} is {@code PENDULE_DB_URL}), a system property or a microprofile-config.properties entry.
 */
public final class Settings {

    private Settings() {
    }

    private static Config config() {
        return ConfigProvider.getConfig(Settings.class.getClassLoader());
    }

    private static Optional<String> value(String key) {
        return config().getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** PostgreSQL JDBC URL; empty means the embedded database. */
    public static Optional<String> databaseUrl() {
        return value("pendule.db.url");
    }

    public static String databaseUser() {
        return value("pendule.db.user").orElse("postgres");
    }

    public static String databasePassword() {
        return value("pendule.db.password").orElse("");
    }

    /** Where the embedded database and work files live. */
    public static Path dataDir() {
        return Path.of(value("pendule.data.dir").orElse("data")).toAbsolutePath().normalize();
    }

    public static String nodeName() {
        return value("pendule.node.name").orElseGet(Settings::hostName);
    }

    /** "api", "worker" or both ("api,worker", the default). */
    public static boolean hasRole(String role) {
        return value("pendule.roles").orElse("api,worker").contains(role);
    }

    public static String roles() {
        return value("pendule.roles").orElse("api,worker");
    }

    /** "key=value,key2=value2": what jobs with tags select this node by. */
    public static String nodeTags() {
        return value("pendule.node.tags").orElse("");
    }

    /** How many executions this node runs at once. */
    public static int workerCapacity() {
        return value("pendule.worker.capacity").map(Integer::parseInt).orElse(2000);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "pendule";
        }
    }
}
