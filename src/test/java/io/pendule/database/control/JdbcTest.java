package io.pendule.database.control;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcTest {

    private static Jdbc on(FlakyDataSource dataSource) {
        Jdbc jdbc = new Jdbc();
        jdbc.dataSource = dataSource;
        return jdbc;
    }

    private static FlakyDataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:jdbc-" + name + ";DB_CLOSE_DELAY=-1");
        return new FlakyDataSource(h2);
    }

    @Test
    void aFailingRollbackDoesNotHideWhyTheTransactionFailed() {
        Jdbc jdbc = on(h2("rollback").failingRollbacks());
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> jdbc.inTransaction(connection -> {
            throw new SQLException("the root cause");
        }));
        assertEquals("the root cause", thrown.getCause().getMessage(), "the work's failure, not the rollback's");
        assertTrue(Arrays.stream(thrown.getCause().getSuppressed()).anyMatch(s -> s.getMessage().contains("rollback failed")),
                "the rollback's failure is kept as suppressed");
    }

    @Test
    void aRuntimeFailureOfTheWorkIsThrownAsItIs() {
        Jdbc jdbc = on(h2("runtime").failingRollbacks());
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> jdbc.inTransaction(connection -> {
            throw new IllegalArgumentException("bad input");
        }));
        assertEquals(1, thrown.getSuppressed().length, Arrays.toString(thrown.getSuppressed()));
    }

    @Test
    void aCommitThatFailsIsReportedAndItsWorkRolledBack() throws SQLException {
        FlakyDataSource dataSource = h2("commit").failing(0, 1, 0);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INT)");
        }
        Jdbc jdbc = on(dataSource);
        assertThrows(IllegalStateException.class, () -> jdbc.inTransaction(c -> Jdbc.update(c, "INSERT INTO t VALUES (1)", s -> { })));
        dataSource.heal();
        assertEquals(0, jdbc.inTransaction(c -> Jdbc.query(c, "SELECT x FROM t", s -> { }, rs -> rs.getInt(1))).size());
    }
}
