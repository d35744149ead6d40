package io.pendule.jobs.control;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Migration 6.1: the depth of the jobs stored before V6 added the column, from their parent_job (the only link
 * between jobs then): each pass sets the children of the jobs set by the previous one. In Java because SQL
 * cannot loop in a migration both databases run.
 */
public class JobDepths implements JavaMigration {

    private static final int LONGEST_CHAIN = 1000;
    private static final String ONE_LEVEL = "UPDATE job SET depth = (SELECT p.depth + 1 FROM job p WHERE p.name = job.parent_job) "
            + "WHERE parent_job IS NOT NULL AND depth <> (SELECT p.depth + 1 FROM job p WHERE p.name = job.parent_job)";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.1");
    }

    @Override
    public String getDescription() {
        return "job depths";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        try (PreparedStatement update = context.getConnection().prepareStatement(ONE_LEVEL)) {
            for (int pass = 0; pass < LONGEST_CHAIN && update.executeUpdate() > 0; pass++) {
                // each pass moves one level further down the chains
            }
        }
    }
}
