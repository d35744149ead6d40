package io.pendule.executions.control;

import io.pendule.it.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL the start decisions of a forbid or replace job wait for each other on a lock of the job's own
 * ({@link Overlaps#LOCK_JOB_DECISIONS}), and no longer on the job's row: while a decision holds it, a second decision
 * of the same job waits, one of another job does not, and the clock still finds the job's row to fire it (its
 * {@code FOR UPDATE SKIP LOCKED} skipped the jobs whose start was being decided). Plain JDBC, two connections.
 */
class DecisionLockOnPostgresIT {

    private static String url;
    private static final String DATABASE = "pendule_it_decision_lock";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @BeforeAll
    static void twoJobs() throws SQLException {
        url = TestDatabases.migratedPostgres(DATABASE);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO job (name, created_at, updated_at, next_fire_at) VALUES "
                    + "('every-second', NOW(), NOW(), NOW()), ('another', NOW(), NOW(), NOW())");
        }
    }

    private static Connection connect() throws SQLException {
        return TestDatabases.connect(url);
    }

    @Test
    void aDecisionWaitsForTheOtherDecisionsOfItsJobOnlyAndLeavesTheRowToTheClock() throws SQLException {
        try (Connection deciding = connect(); Connection other = connect()) {
            deciding.setAutoCommit(false);
            lock(deciding, "every-second");
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '300ms'");
            }

            SQLException waited = assertThrows(SQLException.class, () -> lock(other, "every-second"),
                    "a second decision of the job went ahead of the first");
            assertEquals(LOCK_NOT_AVAILABLE, waited.getSQLState(), waited.getMessage());
            other.rollback();

            try (Statement s = other.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '300ms'");
            }
            lock(other, "another");
            try (Statement s = other.createStatement();
                 ResultSet due = s.executeQuery("SELECT name FROM job WHERE name = 'every-second' FOR UPDATE SKIP LOCKED")) {
                assertTrue(due.next(), "the clock skipped the job while its start was being decided");
            }
            other.rollback();
            deciding.rollback();
        }
    }

    @Test
    void theLockEndsWithTheTransaction() throws SQLException {
        try (Connection first = connect(); Connection second = connect()) {
            first.setAutoCommit(false);
            lock(first, "every-second");
            first.commit();
            second.setAutoCommit(false);
            try (Statement s = second.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '300ms'");
            }
            lock(second, "every-second");
            second.rollback();
        }
    }

    @Test
    void decisionsMadeTogetherHoldTheLockOfEachOfTheirJobs() throws SQLException {
        try (Connection deciding = connect(); Connection other = connect()) {
            deciding.setAutoCommit(false);
            try (PreparedStatement lock = deciding.prepareStatement(Overlaps.LOCK_JOBS_DECISIONS)) {
                lock.setArray(1, deciding.createArrayOf("text", new Object[] {"every-second", "another"}));
                lock.executeQuery().close();
            }
            other.setAutoCommit(false);
            for (String job : List.of("another", "every-second")) {
                try (Statement s = other.createStatement()) {
                    s.execute("SET LOCAL lock_timeout = '300ms'");
                }
                SQLException waited = assertThrows(SQLException.class, () -> lock(other, job),
                        "a decision of " + job + " went ahead of the ones made together");
                assertEquals(LOCK_NOT_AVAILABLE, waited.getSQLState(), waited.getMessage());
                other.rollback();
            }
            deciding.rollback();
        }
    }

    @Test
    void theRunningRowsOfSeveralJobsAreReadInOneQuery() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO execution (id, job_name, group_id, trigger, status, scheduled_at, created_at, not_before, "
                    + "started_at, incarnation, target) VALUES "
                    + "(1, 'every-second', 1, 'schedule', 'running', NOW(), NOW(), NOW(), NOW(), 'inc-a', ''), "
                    + "(2, 'every-second', 2, 'schedule', 'succeeded', NOW(), NOW(), NOW(), NOW(), 'inc-a', ''), "
                    + "(3, 'another', 3, 'schedule', 'running', NOW(), NOW(), NOW(), NULL, 'inc-b', 'db1')");
            List<ExecutionRows.RunningRow> rows = ExecutionRows.runningOf(c, List.of("every-second", "another"));
            assertEquals(List.of("1 every-second  started inc-a", "3 another db1 claimed inc-b"), rows.stream()
                    .sorted(Comparator.comparingLong(ExecutionRows.RunningRow::id))
                    .map(row -> row.id() + " " + row.jobName() + " " + row.target() + " " + (row.started() ? "started" : "claimed")
                            + " " + row.incarnation()).toList());
            c.rollback();
        }
    }

    private static void lock(Connection connection, String job) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(Overlaps.LOCK_JOB_DECISIONS)) {
            lock.setString(1, job);
            lock.executeQuery().close();
        }
    }
}
