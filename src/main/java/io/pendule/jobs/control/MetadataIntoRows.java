package io.pendule.jobs.control;

import io.pendule.platform.DataMigration;
import io.pendule.platform.Json;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Migration 3.1: copies each job's metadata from the JSON column into job_metadata rows (created by V3, the column
 * dropped by V4). In Java because H2 and PostgreSQL share no SQL that turns a JSON object into rows.
 */
public class MetadataIntoRows extends DataMigration {

    private static final String JOBS_WITH_METADATA = "SELECT name, metadata FROM job WHERE metadata IS NOT NULL";
    private static final String INSERT = "INSERT INTO job_metadata (job_name, meta_key, meta_value) VALUES (?, ?, ?)";

    public MetadataIntoRows() {
        super("3.1", "job metadata into rows");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement(JOBS_WITH_METADATA);
             ResultSet jobs = select.executeQuery();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            while (jobs.next()) {
                Map<String, String> metadata = Json.readStringMap(jobs.getString("metadata"));
                for (var entry : metadata.entrySet()) {
                    insert.setString(1, jobs.getString("name"));
                    insert.setString(2, entry.getKey());
                    insert.setString(3, entry.getValue());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
