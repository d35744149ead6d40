package io.pendule.executions.control;

import io.pendule.it.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The updates of one execution row read it by its primary key on PostgreSQL even when the statistics predate a burst:
 * they were taken when no row ran, and now thousands do. With a plain {@code status = 'running'} condition the custom
 * plan then scanned an index of running rows ((status, not_before), or the partial execution_running), every running
 * row for each update (W1: 2.7 ms per start instead of 0.14, docs/benchmarks.md). The history pruner's reads go
 * through an index of the job, never the whole table (its count of every job's rows took 3.8 s a pass on 10,000,000
 * rows). Plans, not timings: EXPLAIN of each statement with its parameters as values.
 */
class ExecutionRowPlansOnPostgresIT {

    private static String url;
    private static final String DATABASE = "pendule_it_execution_plans";
    private static final int LAST_RUNNING_ID = 5_000;

    @BeforeAll
    static void statisticsOlderThanABurst() throws SQLException {
        url = TestDatabases.migratedPostgres(DATABASE);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO job (name, created_at, updated_at) VALUES ('burst', NOW(), NOW())");
            s.execute(rows(1, 200, "succeeded"));
            s.execute("ANALYZE execution");
            s.execute(rows(201, LAST_RUNNING_ID, "running"));
        }
    }

    private static String rows(int first, int last, String status) {
        return "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at, node_name, "
                + "created_at, not_before, incarnation, target) SELECT i, 'burst', i, 1, 'schedule', '" + status + "', "
                + "NOW(), NOW() + i * INTERVAL '1 second', 'n1', NOW(), NOW(), 'inc', '' FROM generate_series(" + first
                + ", " + last + ") AS i";
    }

    private static Connection connect() throws SQLException {
        return TestDatabases.connect(url);
    }

    @Test
    void theTrapIsSetAPlainStatusConditionReadsTheStatusIndex() throws SQLException {
        String plan = customPlan("UPDATE execution SET started_at = ? WHERE id = ? AND started_at IS NULL AND status = 'running'");
        assertTrue(plan.contains("execution_waiting") || plan.contains("execution_running"),
                "the statistics no longer mislead the planner, the test proves nothing:\n" + plan);
    }

    @Test
    void everyOneRowUpdateReadsThePrimaryKey() throws SQLException {
        for (String update : ExecutionRows.ONE_ROW_UPDATES) {
            String plan = customPlan(update);
            assertTrue(plan.contains("execution_pkey") && !plan.contains("execution_waiting") && !plan.contains("execution_running"),
                    update + "\n" + plan);
        }
    }

    @Test
    void theHistoryPrunersReadsGoThroughAnIndexOfTheJobNeverTheWholeTable() throws SQLException {
        for (String read : List.of(HistoryPruner.JOBS, HistorySizes.ROWS_UP_TO, HistorySizes.ROWS_BETWEEN)) {
            String plan = customPlan(read);
            assertTrue(plan.matches("(?s).*Index (Only )?Scan( Backward)? using execution_\\w+ on execution.*")
                    && !plan.contains("Seq Scan on execution"), read + "\n" + plan);
        }
    }

    /** The plan PostgreSQL makes for the statement given values for its parameters (a custom plan). */
    private static String customPlan(String sql) throws SQLException {
        return PostgresPlans.plan(url, sql, "force_custom_plan", null, ExecutionRowPlansOnPostgresIT::valueOf);
    }

    /** A value of the type, as SQL: the id of a running row (or two), the status it has, its incarnation. */
    private static String valueOf(String type) {
        return switch (type) {
            case "bigint", "integer" -> "4321";
            case "bigint[]" -> "ARRAY[4321, 4322]::bigint[]";
            case "timestamp with time zone" -> "NOW()";
            case "boolean" -> "false";
            default -> "'running'";
        };
    }
}
