package io.pendule.packs.control;

import io.pendule.platform.Settings;
import org.postgresql.Driver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How a pack reaches Pendule's database, where HDM's tables are, when Pendule runs on PostgreSQL: libpq's variables
 * (psql, psycopg and most drivers read them) and a URI without the password. The role is PENDULE_PACK_DATABASE_USER
 * when set (a narrower one), Pendule's own otherwise. On the embedded database a pack gets none: the database is a
 * file only Pendule's process opens.
 */
final class PackDatabase {

    /** The variables, and the password they hold (masked in the run's output). */
    record Access(Map<String, String> environment, String password) {
        static final Access NONE = new Access(Map.of(), "");
    }

    private PackDatabase() {
    }

    static Access of(Settings settings, String packName) {
        Optional<String> url = settings.databaseUrl();
        if (url.isEmpty()) {
            return Access.NONE;
        }
        Properties parsed = Driver.parseURL(url.get(), null);
        if (parsed == null) {
            return Access.NONE;
        }
        String host = parsed.getProperty("PGHOST", "localhost");
        String port = parsed.getProperty("PGPORT", "5432");
        String database = parsed.getProperty("PGDBNAME", "");
        String user = settings.packDatabaseUser().orElse(settings.databaseUser());
        String password = settings.packDatabasePassword();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", port);
        env.put("PGDATABASE", database);
        env.put("PGUSER", user);
        env.put("PGPASSWORD", password);
        env.put("PGAPPNAME", "pendule pack " + packName);
        Optional.ofNullable(parsed.getProperty("sslmode")).ifPresent(mode -> env.put("PGSSLMODE", mode));
        env.put("PENDULE_DATABASE_URL", "postgresql://" + encoded(user) + "@" + uriHosts(host, port) + "/" + encoded(database));
        return new Access(env, password);
    }

    /** host:port, or for several hosts (pgjdbc's failover list) each with its port, as libpq's URIs list them. */
    private static String uriHosts(String hosts, String ports) {
        String[] host = hosts.split(",");
        String[] port = ports.split(",");
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < host.length; i++) {
            String name = host[i].contains(":") && !host[i].startsWith("[") ? "[" + host[i] + "]" : host[i];
            list.append(i == 0 ? "" : ",").append(name).append(':').append(port[Math.min(i, port.length - 1)]);
        }
        return list.toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
