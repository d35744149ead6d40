package io.pendule.executions.control;

import io.pendule.it.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start decisions' reads of a job's running rows (forbid, targets at once, node slots) do not read the job's
 * history on PostgreSQL. Pendule's statements are prepared, so after a few runs PostgreSQL plans them once for any
 * job (a generic plan); with a thousand jobs a job's rows look few, and that plan read every row of the job's history
 * in a job index: 0.75 ms a forbid start at 2,000 runs a job, growing with the history kept (docs/benchmarks.md,
 * Finding 11). Migration 28.1's index of running rows bounds them by the rows running. Plans, not timings.
 */
class RunningReadsPlansOnPostgresIT {

    private static final String DATABASE = "pendule_it_running_reads";
    /** A job with a long history (20,000 runs) and three runs going, among 999 jobs with 20 runs each, two going. */
    private static final String LONG_HISTORY = "long-history";
    private static String url;

    @BeforeAll
    static void aThousandJobsOneWithALongHistory() throws SQLException {
        url = TestDatabases.migratedPostgres(DATABASE);
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO job (name, created_at, updated_at) SELECT 'job-' || j, NOW(), NOW() FROM generate_series(1, 999) AS j");
            s.execute("INSERT INTO job (name, created_at, updated_at) VALUES ('" + LONG_HISTORY + "', NOW(), NOW())");
            s.execute(rows("'job-' || (1 + i % 999)", 1, 19_980, "succeeded"));
            s.execute(rows("'job-' || (1 + i % 999)", 20_001, 21_998, "running"));
            s.execute(rows("'" + LONG_HISTORY + "'", 100_001, 120_000, "succeeded"));
            s.execute(rows("'" + LONG_HISTORY + "'", 120_001, 120_003, "running"));
            s.execute("ANALYZE execution");
        }
    }

    private static String rows(String job, int first, int last, String status) {
        return "INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, fire_at, node_name, "
                + "created_at, not_before, incarnation, target) SELECT i, " + job + ", i, 1, 'schedule', '" + status + "', "
                + "NOW(), NOW() + i * INTERVAL '1 second', 'n1', NOW(), NOW(), 'inc', '' FROM generate_series(" + first
                + ", " + last + ") AS i";
    }

    @Test
    void theStartDecisionsReadTheRunningRowsNeverTheJobsHistory() throws SQLException {
        for (String read : ExecutionRows.RUNNING_READS) {
            String plan = genericPlan(read, null);
            assertTrue(!plan.contains("execution_one_per_group") && !plan.contains("execution_job_history")
                    && !plan.contains("Seq Scan"), read + "\n" + plan);
        }
    }

    @Test
    void withoutTheIndexOfRunningRowsAGenericPlanReadsTheJobsHistory() throws SQLException {
        String plan = genericPlan(ExecutionRows.RUNNING_READS.get(0), "DROP INDEX execution_running");
        assertTrue(plan.contains("execution_one_per_group") || plan.contains("execution_job_history"),
                "the history no longer misleads the generic plan, the test above proves nothing:\n" + plan);
    }

    private static String genericPlan(String sql, String before) throws SQLException {
        return PostgresPlans.plan(url, sql, "force_generic_plan", before, RunningReadsPlansOnPostgresIT::valueOf);
    }

    /** A value of the type, as SQL: the job with the long history, a run id, an instant, a target. */
    private static String valueOf(String type) {
        return switch (type) {
            case "bigint", "integer" -> "120001";
            case "timestamp with time zone" -> "NOW()";
            case "character varying[]", "text[]" -> "ARRAY['" + LONG_HISTORY + "']::varchar[]";
            default -> "'" + LONG_HISTORY + "'";
        };
    }
}
