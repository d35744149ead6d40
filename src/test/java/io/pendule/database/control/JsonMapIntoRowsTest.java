package io.pendule.database.control;

import io.pendule.database.control.Database;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java migration steps that move the jobs' JSON maps into rows, on a database stopped just before each of them
 * (embedded H2 in PostgreSQL mode, as Pendule's own default) holding jobs stored by the versions before.
 */
class JsonMapIntoRowsTest {

    private static JdbcDataSource database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + "=" + rs.getString(3));
            }
        }
        return rows;
    }

    @Test
    void metadataStoredAsJsonBecomesRows() throws SQLException {
        JdbcDataSource dataSource = database("metadata");
        Database.migrations(dataSource).target("3").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO job (name, metadata, created_at, updated_at) VALUES "
                    + "('a', '{\"team\":\"ops\",\"tier\":\"1\"}', NOW(), NOW()), ('b', NULL, NOW(), NOW())");
        }
        Database.migrations(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of("a team=ops", "a tier=1"),
                    rows(connection, "SELECT job_name, meta_key, meta_value FROM job_metadata ORDER BY job_name, meta_key"));
        }
    }

    @Test
    void tagsStoredAsJsonBecomeRowsAndStayInTheColumn() throws SQLException {
        JdbcDataSource dataSource = database("tags");
        Database.migrations(dataSource).target("13").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO job (name, tags, created_at, updated_at) VALUES "
                    + "('a', '{\"role\":\"web\",\"dc\":\"paris\"}', NOW(), NOW()), ('b', NULL, NOW(), NOW()), ('c', '{}', NOW(), NOW())");
        }
        Database.migrations(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(List.of("a dc=paris", "a role=web"),
                    rows(connection, "SELECT job_name, tag_key, tag_value FROM job_tag ORDER BY job_name, tag_key"));
            assertEquals(List.of("a {\"role\":\"web\",\"dc\":\"paris\"}=null"),
                    rows(connection, "SELECT name, tags, NULL FROM job WHERE tags IS NOT NULL AND tags <> '{}'"));
        }
    }
}
