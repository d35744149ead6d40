package io.pendule.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Fresh PostgreSQL databases for tests, on the local server (127.0.0.1:5432, trust auth, user postgres). */
final class TestDatabases {

    static final String SERVER = System.getProperty("pendule.test.pg.server", "jdbc:postgresql://127.0.0.1:5432/");

    private TestDatabases() {
    }

    /** Drops and creates the database; returns its JDBC URL. */
    static String freshPostgres(String database) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed by this test: " + e.getMessage(), e);
        }
        return SERVER + database;
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
