package io.pendule.database.control;

import io.pendule.platform.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PenduleDataSourceTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/pendule";

    @Test
    void postgresConnectionsAreBoundedInTimeByDefault() {
        PGSimpleDataSource pg = PenduleDataSource.postgres(Settings.of(Map.of()), PG, true);
        assertEquals(10, pg.getConnectTimeout());
        assertEquals(90, pg.getSocketTimeout(), "the statement timeout and 30 s more");
        assertTrue(pg.getTcpKeepAlive());
        assertEquals("-c lock_timeout=5000 -c statement_timeout=60000 -c idle_in_transaction_session_timeout=5000",
                pg.getOptions());
    }

    @Test
    void theTimeoutsAreSettings() {
        Settings settings = Settings.of(Map.of("pendule.db.lock.timeout", "1s", "pendule.db.statement.timeout", "2m",
                "pendule.db.idle.in.transaction.timeout", "0s", "pendule.db.connect.timeout", "3s"));
        PGSimpleDataSource pg = PenduleDataSource.postgres(settings, PG, true);
        assertEquals(3, pg.getConnectTimeout());
        assertEquals(150, pg.getSocketTimeout());
        assertEquals("-c lock_timeout=1000 -c statement_timeout=120000 -c idle_in_transaction_session_timeout=0",
                pg.getOptions());
    }

    @Test
    void parametersOfTheUrlWinOverTheDefaults() {
        PGSimpleDataSource pg = PenduleDataSource.postgres(Settings.of(Map.of()),
                PG + "?socketTimeout=7&tcpKeepAlive=false&options=-c%20statement_timeout%3D0", true);
        assertEquals(7, pg.getSocketTimeout());
        assertEquals(false, pg.getTcpKeepAlive());
        assertEquals("-c lock_timeout=5000 -c idle_in_transaction_session_timeout=5000 -c statement_timeout=0", pg.getOptions());
    }

    @Test
    void migrationsHaveNoStatementTimeout() {
        PGSimpleDataSource pg = PenduleDataSource.postgres(Settings.of(Map.of()), PG, false);
        assertEquals(0, pg.getSocketTimeout());
        assertTrue(pg.getOptions().contains("-c statement_timeout=0"), pg.getOptions());
    }

    @Test
    void embeddedCommitsAreWrittenBeforeTheyReturn(@TempDir Path dir) {
        String url = PenduleDataSource.embeddedUrl(Settings.of(Map.of("pendule.data.dir", dir.toString())));
        assertTrue(url.contains(";WRITE_DELAY=0"), url);
    }

    @Test
    void anEmbeddedStatementWaitingForALockFailsAfterTheLockTimeout(@TempDir Path dir) throws SQLException {
        DataSource h2 = PenduleDataSource.embedded(Settings.of(Map.of("pendule.data.dir", dir.toString(),
                "pendule.db.lock.timeout", "300ms")));
        try (Connection holder = h2.getConnection(); Connection waiter = h2.getConnection();
             Statement holding = holder.createStatement(); Statement waiting = waiter.createStatement()) {
            holding.execute("CREATE TABLE t (x INT PRIMARY KEY)");
            holding.execute("INSERT INTO t VALUES (1)");
            holder.setAutoCommit(false);
            holding.executeUpdate("UPDATE t SET x = 1 WHERE x = 1");
            long start = System.nanoTime();
            assertThrows(SQLException.class, () -> waiting.executeUpdate("UPDATE t SET x = 2 WHERE x = 1"));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(Duration.ofMillis(250)) >= 0 && waited.compareTo(Duration.ofSeconds(3)) < 0,
                    "waited " + waited);
            holder.rollback();
        }
    }
}
