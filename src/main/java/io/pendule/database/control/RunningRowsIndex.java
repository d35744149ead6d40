package io.pendule.database.control;

import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Migration 28.1: on PostgreSQL, an index of the running executions by job. The start decisions read a job's running
 * rows (forbid, targets at once, node slots) on every start; without it their generic plans read every row of the
 * job's history in a job index, a cost that grew with the history kept (docs/benchmarks.md, Finding 11). Partial, so
 * it holds only the few running rows. Built in the migration's transaction as the indexes of the SQL migrations are
 * (not CONCURRENTLY: that waits for every open transaction, Flyway's own lock among them): writes of executions by
 * nodes still running wait for the build (0.3 s for 1.4 million executions here). H2 has no partial index: the
 * embedded database keeps its plans.
 */
public final class RunningRowsIndex extends DataMigration {

    public RunningRowsIndex() {
        super("28.1", "index of running executions");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX execution_running ON execution (job_name) WHERE status = 'running'");
        }
    }
}
