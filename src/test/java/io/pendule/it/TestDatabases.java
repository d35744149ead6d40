package io.pendule.it;

import io.pendule.database.control.Database;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Fresh PostgreSQL databases for tests, on the local server (127.0.0.1:5432, trust auth, user postgres), and the
 * statements tests run on them: one connection a statement, instants in and out as UTC timestamps.
 */
public final class TestDatabases {

    static final String SERVER = System.getProperty("pendule.test.pg.server", "jdbc:postgresql://127.0.0.1:5432/");

    private TestDatabases() {
    }

    /** Reads one row of an answer into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Drops and creates the database; returns its JDBC URL. */
    public static String freshPostgres(String database) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed by this test: " + e.getMessage(), e);
        }
        return SERVER + database;
    }

    /** A fresh database with Pendule's migrations applied, without Payara (tests of SQL alone); returns its JDBC URL. */
    public static String migratedPostgres(String database) {
        String url = freshPostgres(database);
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser("postgres");
        Database.migrations(pg).load().migrate();
        return url;
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** The rows of a query, each read by {@code reader}; {@link Instant} parameters are bound as UTC timestamps. */
    static <T> List<T> query(String url, String sql, RowReader<T> reader, Object... parameters) {
        try (Connection c = connect(url); PreparedStatement select = prepare(c, sql, parameters);
             ResultSet rs = select.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
    static int update(String url, String sql, Object... parameters) {
        try (Connection c = connect(url); PreparedStatement statement = prepare(c, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A TIMESTAMP WITH TIME ZONE column as an instant; null stays null. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            statement.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
        }
        return statement;
    }
}
