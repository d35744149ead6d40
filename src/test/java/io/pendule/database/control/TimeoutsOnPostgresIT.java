package io.pendule.database.control;

import io.pendule.platform.Settings;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pendule's PostgreSQL sessions give up on a lock or a long statement instead of waiting for ever. */
class TimeoutsOnPostgresIT {

    private static final String SERVER = System.getProperty("pendule.test.pg.server", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String DATABASE = "pendule_it_timeouts";

    private static String freshDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return SERVER + DATABASE;
    }

    private static DataSource pendule(String url, Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("pendule.db.url", url);
        return PenduleDataSource.of(Settings.of(all), true);
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aStatementBlockedOnALockFailsAfterTheLockTimeout() throws SQLException {
        DataSource pg = pendule(freshDatabase(), Map.of("pendule.db.lock.timeout", "1s"));
        try (Connection holder = pg.getConnection(); Connection waiter = pg.getConnection();
             Statement holding = holder.createStatement(); Statement waiting = waiter.createStatement()) {
            holding.execute("CREATE TABLE t (x INT PRIMARY KEY)");
            holding.execute("INSERT INTO t VALUES (1)");
            holder.setAutoCommit(false);
            holding.execute("SELECT x FROM t WHERE x = 1 FOR UPDATE");
            long start = System.nanoTime();
            SQLException refused = assertThrows(SQLException.class, () -> waiting.executeUpdate("UPDATE t SET x = 2 WHERE x = 1"));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertEquals("55P03", refused.getSQLState(), "lock_not_available: " + refused.getMessage());
            assertTrue(waited.compareTo(Duration.ofMillis(900)) >= 0 && waited.compareTo(Duration.ofSeconds(10)) < 0,
                    "waited " + waited);
            holder.rollback();
        }
    }

    @Test
    void sessionsCarryTheTimeoutsAndTheUrlWins() throws SQLException {
        String url = freshDatabase();
        try (Connection defaults = pendule(url, Map.of()).getConnection();
             Connection given = pendule(url + "?options=-c%20statement_timeout%3D7s", Map.of()).getConnection()) {
            assertEquals("5s", show(defaults, "lock_timeout"));
            assertEquals("1min", show(defaults, "statement_timeout"));
            assertEquals("5s", show(defaults, "idle_in_transaction_session_timeout"));
            assertEquals("7s", show(given, "statement_timeout"));
            assertEquals("5s", show(given, "lock_timeout"));
        }
    }

    @Test
    void aSessionIdleInATransactionIsEnded() throws Exception {
        DataSource pg = pendule(freshDatabase(), Map.of("pendule.db.idle.in.transaction.timeout", "500ms"));
        try (Connection idle = pg.getConnection(); Statement s = idle.createStatement()) {
            idle.setAutoCommit(false);
            s.execute("SELECT 1");
            Thread.sleep(1_500);
            assertThrows(SQLException.class, () -> s.execute("SELECT 1"), "the server ended the idle transaction");
        }
    }
}
