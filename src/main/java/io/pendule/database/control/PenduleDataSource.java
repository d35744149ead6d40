package io.pendule.database.control;

import io.pendule.platform.Settings;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The database behind the application's connection pool: PostgreSQL when {@code PENDULE_DB_URL} is set,
 * otherwise the embedded H2 database in the data folder (PostgreSQL mode, so one SQL dialect serves both).
 * Payara's pool instantiates this class by name, so the choice is made at run time from the settings.
 */
public class PenduleDataSource implements DataSource {

    /**
     * Read without CDI: Payara's pool creates this class with {@code new}, outside any bean, and may do so before
     * CDI has started the application's beans.
     */
    private static final Settings SETTINGS = new Settings();

    private final DataSource target = SETTINGS.databaseUrl()
            .map(PenduleDataSource::postgres)
            .orElseGet(() -> embedded(SETTINGS.dataDir()));

    private static DataSource postgres(String url) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser(SETTINGS.databaseUser());
        pg.setPassword(SETTINGS.databasePassword());
        pg.setApplicationName("pendule " + SETTINGS.nodeName());
        return pg;
    }

    private static DataSource embedded(Path dataDir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dataDir.resolve("pendule")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        h2.setUser("pendule");
        h2.setPassword("");
        return h2;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target.getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(target) ? type.cast(target) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(target) || target.isWrapperFor(type);
    }
}
