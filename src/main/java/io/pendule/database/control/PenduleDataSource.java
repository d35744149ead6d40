package io.pendule.database.control;

import io.pendule.platform.Settings;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The database behind the application's connection pool: PostgreSQL when {@code PENDULE_DB_URL} is set,
 * otherwise the embedded H2 database in the data folder (PostgreSQL mode, so one SQL dialect serves both).
 * Payara's pool instantiates this class by name, so the choice is made at run time from the settings.
 * <p>
 * Every connection is bounded in time (docs/architecture.md, "Database timeouts and health"): on PostgreSQL a connect
 * timeout, a socket timeout, TCP keep-alive, and the session's lock, statement and idle-in-transaction timeouts; on H2
 * the lock timeout. A parameter given in PENDULE_DB_URL wins over these defaults. H2 writes each commit before the
 * commit returns (WRITE_DELAY=0), so that a claim a run was started for survives a kill of the process.
 */
public class PenduleDataSource extends DelegatingDataSource {

    /**
     * Read without CDI: Payara's pool creates this class with {@code new}, outside any bean, and may do so before
     * CDI has started the application's beans.
     */
    private static final Settings SETTINGS = new Settings();

    public PenduleDataSource() {
        super(of(SETTINGS, true));
    }

    private PenduleDataSource(DataSource target) {
        super(target);
    }

    /** The same database without a statement timeout, for the migrations, whose statements may take long on big tables. */
    public static DataSource forMigrations(Settings settings) {
        return new PenduleDataSource(of(settings, false));
    }

    /**
     * Pendule's database outside the pool, for work that must not leave its session settings on a pooled connection
     * (a pack's own SQL may SET what it likes): each connection is new, and closed by its user.
     */
    public static DataSource unpooled(Settings settings) {
        return of(settings, true);
    }

    static DataSource of(Settings settings, boolean boundStatements) {
        return settings.databaseUrl()
                .<DataSource>map(url -> postgres(settings, url, boundStatements))
                .orElseGet(() -> embedded(settings));
    }

    static PGSimpleDataSource postgres(Settings settings, String url, boolean boundStatements) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        Properties given = Optional.ofNullable(Driver.parseURL(url, null)).orElseGet(Properties::new);
        pg.setUser(settings.databaseUser());
        pg.setPassword(settings.databasePassword());
        pg.setApplicationName("pendule " + settings.nodeName());
        if (!given.containsKey("connectTimeout")) {
            pg.setConnectTimeout(seconds(settings.databaseConnectTimeout()));
        }
        if (!given.containsKey("socketTimeout")) {
            pg.setSocketTimeout(boundStatements ? seconds(settings.databaseSocketTimeout()) : 0);
        }
        if (!given.containsKey("tcpKeepAlive")) {
            pg.setTcpKeepAlive(true);
        }
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        timeouts.put("lock_timeout", settings.databaseLockTimeout());
        timeouts.put("statement_timeout", boundStatements ? settings.databaseStatementTimeout() : Duration.ZERO);
        timeouts.put("idle_in_transaction_session_timeout", settings.databaseIdleInTransactionTimeout());
        pg.setOptions(options(given.getProperty("options", ""), timeouts));
        return pg;
    }

    /** The session settings of PostgreSQL's startup packet: the ones given in the URL, and the defaults they leave out. */
    static String options(String given, Map<String, Duration> defaults) {
        StringBuilder options = new StringBuilder();
        defaults.forEach((name, timeout) -> {
            if (!given.contains(name + "=")) {
                options.append("-c ").append(name).append('=').append(timeout.toMillis()).append(' ');
            }
        });
        return options.append(given).toString().trim();
    }

    /** Whole seconds, at least one for a positive duration: 0 means "no timeout" to pgjdbc. */
    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, (duration.toMillis() + 999) / 1000);
    }

    static JdbcDataSource embedded(Settings settings) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(embeddedUrl(settings));
        h2.setUser("pendule");
        h2.setPassword("");
        return h2;
    }

    static String embeddedUrl(Settings settings) {
        return "jdbc:h2:file:" + settings.dataDir().resolve("pendule")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=" + settings.databaseLockTimeout().toMillis();
    }
}
