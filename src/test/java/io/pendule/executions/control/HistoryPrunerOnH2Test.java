package io.pendule.executions.control;

import io.pendule.database.control.MigratedH2;
import io.pendule.database.control.Jdbc;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The history pruner's passes on H2 with the real migrations: a job is pruned to its newest keep_executions once it
 * holds more than a tenth over them, a pass counts only the rows scheduled since the previous one (a row arriving
 * older than the job's newest is seen at the hourly recount, not before), queued and running rows are never deleted,
 * and the age limit is applied on every pass.
 */
class HistoryPrunerOnH2Test {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static JdbcDataSource database;
    private HistoryPruner pruner;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("history-pruner");
    }

    @BeforeEach
    void aFreshNode() throws SQLException {
        sql("DELETE FROM execution");
        sql("DELETE FROM job");
        Jdbc jdbc = MigratedH2.jdbcOn(database);
        pruner = new HistoryPruner();
        pruner.jdbc = jdbc;
        pruner.pruning = new PruneStatements();
        pruner.pruning.jdbc = jdbc;
        pruner.defaultKeep = 10_000;
    }

    @Test
    void aJobIsPrunedToItsNewestOnceItHoldsMoreThanATenthOverThem() throws SQLException {
        job("every-minute", 20, "");
        runs("every-minute", 1, 22, "succeeded");
        assertEquals(0, pruner.pass(Instant.now()), "22 rows is a tenth over 20: within tolerance");
        assertEquals(22, rows("every-minute"));

        runs("every-minute", 23, 23, "succeeded");
        assertEquals(3, pruner.pass(Instant.now()));
        assertEquals(LongStream.rangeClosed(4, 23).boxed().toList(), ids("every-minute"), "its 20 newest stay");
    }

    @Test
    void aPassCountsOnlyTheRowsScheduledSinceThePreviousOne() throws SQLException {
        job("counted", 10, "");
        runs("counted", 100, 109, "succeeded");
        Instant start = Instant.now();
        assertEquals(0, pruner.pass(start));

        runs("counted", 1, 5, "succeeded"); // older than the newest it counted: an import, say
        assertEquals(0, pruner.pass(start.plusSeconds(60)), "not counted again: 15 rows, unseen");
        assertEquals(15, rows("counted"));

        runs("counted", 110, 110, "succeeded"); // one newer row is counted on its own: 11 known, within tolerance
        assertEquals(0, pruner.pass(start.plusSeconds(120)));

        assertEquals(6, pruner.pass(start.plus(HistoryPruner.RECOUNT_EVERY)), "the hourly recount sees all 16");
        assertEquals(LongStream.rangeClosed(101, 110).boxed().toList(), ids("counted"));
    }

    @Test
    void queuedAndRunningRowsAreNeverDeletedHoweverOld() throws SQLException {
        job("busy", 2, "");
        runs("busy", 1, 1, "running");
        runs("busy", 2, 2, "queued");
        runs("busy", 3, 6, "succeeded");
        assertEquals(2, pruner.pass(Instant.now()));
        assertEquals(List.of(1L, 2L, 5L, 6L), ids("busy"));
    }

    @Test
    void theAgeLimitAppliesOnEveryPassAndTheCountLimitStillHolds() throws SQLException {
        job("recent-only", 0, "2h");
        runs("recent-only", 1, 3, "succeeded"); // scheduled (and finished) at T0 + 1..3 minutes
        assertEquals(0, pruner.pass(T0.plus(Duration.ofMinutes(90))));
        assertEquals(2, pruner.pass(T0.plus(Duration.ofMinutes(122)).plusSeconds(30)), "runs 1 and 2 ended over two hours ago");
        assertEquals(List.of(3L), ids("recent-only"));

        pruner.defaultKeepFor = Optional.of(Duration.ofMinutes(1));
        job("default-age", 0, "");
        runs("default-age", 10, 11, "succeeded");
        assertEquals(2, pruner.pass(T0.plus(Duration.ofMinutes(13))), "the node's default age limit, for a job without its own");
    }

    private static void job(String name, int keep, String keepFor) throws SQLException {
        sql("INSERT INTO job (name, created_at, updated_at, keep_executions, keep_executions_for) VALUES ('" + name + "', NOW(), NOW(), "
                + keep + ", '" + keepFor + "')");
    }

    /** Runs with ids first..last, run i scheduled and finished at T0 + i minutes. */
    private static void runs(String job, long first, long last, String status) throws SQLException {
        for (long i = first; i <= last; i++) {
            String at = "TIMESTAMP WITH TIME ZONE '" + T0.plus(Duration.ofMinutes(i)) + "'";
            boolean finished = !status.equals("running") && !status.equals("queued");
            sql("INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at, created_at, "
                    + "not_before, started_at, finished_at, target) VALUES (" + i + ", '" + job + "', " + i + ", 1, 'schedule', '"
                    + status + "', " + at + ", " + at + ", " + at + ", " + at + ", " + at + ", " + (finished ? at : "NULL") + ", '')");
        }
    }

    private static long rows(String job) throws SQLException {
        return ids(job).size();
    }

    private static List<Long> ids(String job) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Jdbc.query(connection, "SELECT id FROM execution WHERE job_name = ? ORDER BY id", select -> select.setString(1, job),
                    rs -> rs.getLong(1));
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); var s = connection.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
