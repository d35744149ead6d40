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
 * Migration 13.1: copies each job's tags from the JSON column into job_tag rows (created by V13), which the jobs list
 * filters on. In Java because H2 and PostgreSQL share no SQL that turns a JSON object into rows. The column stays.
 */
public class TagsIntoRows extends DataMigration {

    private static final String JOBS_WITH_TAGS = "SELECT name, tags FROM job WHERE tags IS NOT NULL";
    private static final String INSERT = "INSERT INTO job_tag (job_name, tag_key, tag_value) VALUES (?, ?, ?)";

    public TagsIntoRows() {
        super("13.1", "job tags into rows");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement select = connection.prepareStatement(JOBS_WITH_TAGS);
             ResultSet jobs = select.executeQuery();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            while (jobs.next()) {
                Map<String, String> tags = Json.readStringMap(jobs.getString("tags"));
                for (var entry : tags == null ? Map.<String, String>of().entrySet() : tags.entrySet()) {
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
