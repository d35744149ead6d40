package io.pendule.packs.control;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The rows the packs' H2 tests write in their migrated database ({@code MigratedH2}), for those tests. */
final class PacksOnH2 {

    private PacksOnH2() {
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
