package io.pendule.database.control;

import io.pendule.database.control.DataMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Migration 6.1: the depth of the jobs stored before V6 added the column, from their parent_job (the only link
 * between jobs then): each pass sets the children of the jobs set by the previous one. In Java because SQL
 * cannot loop in a migration both databases run.
 */
public class JobDepths extends DataMigration {

    private static final int LONGEST_CHAIN = 1000;
    private static final String ONE_LEVEL = "UPDATE job SET depth = (SELECT p.depth + 1 FROM job p WHERE p.name = job.parent_job) "
            + "WHERE parent_job IS NOT NULL AND depth <> (SELECT p.depth + 1 FROM job p WHERE p.name = job.parent_job)";

    public JobDepths() {
        super("6.1", "job depths");
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
