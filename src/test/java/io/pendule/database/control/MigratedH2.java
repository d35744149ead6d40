package io.pendule.database.control;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

/** In-memory H2 in PostgreSQL mode with Pendule's real migrations, and a {@link Jdbc} on it, for the H2 unit tests. */
public final class MigratedH2 {

    private MigratedH2() {
    }

    /** The database {@code name}, migrated (kept while the JVM runs: each test class empties what it uses). */
    public static JdbcDataSource migrated(String name) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Database.migrations(database).load().migrate();
        return database;
    }

    /** A {@link Jdbc} on {@code dataSource}, as the container would inject it. */
    public static Jdbc jdbcOn(DataSource dataSource) {
        Jdbc jdbc = new Jdbc();
        jdbc.dataSource = dataSource;
        return jdbc;
    }
}
