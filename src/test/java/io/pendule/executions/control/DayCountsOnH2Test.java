package io.pendule.executions.control;

import io.pendule.database.control.MigratedH2;
import io.pendule.executions.entity.DayCount;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-day counts behind /v1/stats, on in-memory H2 (PostgreSQL mode) with the real migrations. */
class DayCountsOnH2Test {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static JdbcDataSource database;
    private Connection connection;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("day-counts");
    }

    @BeforeEach
    void open() throws SQLException {
        connection = database.getConnection();
        connection.setAutoCommit(false);
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
        connection.close();
    }

    private static DayCounts.Finished run(String at, boolean success) {
        return new DayCounts.Finished(Instant.parse(at), success);
    }

    @Test
    void runsAreCountedOnTheirUtcDayAcrossNodesAndEveryDayIsListedOldestFirst() throws SQLException {
        new DayCounts("n1").add(connection, List.of(run("2026-03-10T00:00:00Z", true), run("2026-03-09T23:59:59Z", false),
                run("2026-03-10T12:00:00Z", false), run("2026-03-08T08:00:00Z", true)));
        new DayCounts("n2").add(connection, List.of(run("2026-03-10T05:00:00Z", true)));
        new DayCounts("n1").add(connection, List.of(run("2026-03-10T13:00:00Z", true)));

        assertEquals(List.of(new DayCount(LocalDate.parse("2026-03-07"), 0, 0), new DayCount(LocalDate.parse("2026-03-08"), 1, 0),
                new DayCount(LocalDate.parse("2026-03-09"), 0, 1), new DayCount(TODAY, 3, 1)), DayCounts.last(connection, 4, TODAY));
        assertEquals(List.of(new DayCount(TODAY, 3, 1)), DayCounts.last(connection, 1, TODAY));
        assertEquals(2, rows("SELECT COUNT(*) FROM execution_day_count WHERE day_utc = DATE '2026-03-10'"), "one row per node and day");
    }

    @Test
    void aDayBeforeTheWindowIsNotShown() throws SQLException {
        new DayCounts("n1").add(connection, List.of(run("2026-03-01T10:00:00Z", true)));
        assertEquals(List.of(new DayCount(LocalDate.parse("2026-03-09"), 0, 0), new DayCount(TODAY, 0, 0)),
                DayCounts.last(connection, 2, TODAY));
        assertEquals(365, DayCounts.last(connection, 365, TODAY).size());
    }

    @Test
    void rowsOlderThanKeptAreDeletedWhenANewDayIsCounted() throws SQLException {
        new DayCounts("n1").add(connection, List.of(run("2025-01-01T10:00:00Z", true)));
        new DayCounts("n2").add(connection, List.of(run("2026-03-10T10:00:00Z", true)));
        assertEquals(0, rows("SELECT COUNT(*) FROM execution_day_count WHERE day_utc < DATE '2026-01-01'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM execution_day_count"));
    }

    private long rows(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
