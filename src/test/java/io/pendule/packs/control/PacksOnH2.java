package io.pendule.packs.control;

import io.pendule.database.control.MigratedH2;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory H2 database with the real migrations, and the rows the packs' H2 tests write, for those tests. */
final class PacksOnH2 {

    private PacksOnH2() {
    }

    /** The database {@code name}, migrated (kept while the JVM runs: each test class empties what it uses). */
    static JdbcDataSource migrated(String name) {
        return MigratedH2.migrated(name);
    }

    /** A job row of {@code executor} with {@code config} as its executor_config (null: none). */
    static void job(DataSource database, String name, String executor, String config) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job (name, executor, executor_config, created_at, updated_at) VALUES (?, ?, ?, NOW(), NOW())")) {
            insert.setString(1, name);
            insert.setString(2, executor);
            insert.setString(3, config);
            insert.executeUpdate();
        }
    }

    static void sql(DataSource database, String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement s = connection.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
