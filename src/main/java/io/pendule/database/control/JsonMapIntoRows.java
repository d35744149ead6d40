package io.pendule.database.control;

import io.pendule.database.control.DataMigration;
import io.pendule.platform.Json;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * A migration step copying a JSON object column of the jobs into rows of key and value, which SQL can filter on: in
 * Java because H2 and PostgreSQL share no SQL that turns a JSON object into rows.
 */
public final class JsonMapIntoRows extends DataMigration {

    private final String select;
    private final String insert;

    private JsonMapIntoRows(String version, String description, String column, String table, String keyColumn, String valueColumn) {
        super(version, description);
        select = "SELECT name, " + column + " FROM job WHERE " + column + " IS NOT NULL";
        insert = "INSERT INTO " + table + " (job_name, " + keyColumn + ", " + valueColumn + ") VALUES (?, ?, ?)";
    }

    /** 3.1: metadata into job_metadata (created by V3; V4 drops the column). */
    public static JsonMapIntoRows metadata() {
        return new JsonMapIntoRows("3.1", "job metadata into rows", "metadata", "job_metadata", "meta_key", "meta_value");
    }

    /** 13.1: tags into job_tag (created by V13), which the jobs list filters on; the column stays, the clock reads it. */
    public static JsonMapIntoRows tags() {
        return new JsonMapIntoRows("13.1", "job tags into rows", "tags", "job_tag", "tag_key", "tag_value");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (PreparedStatement jobsWithValues = connection.prepareStatement(select);
             ResultSet jobs = jobsWithValues.executeQuery();
             PreparedStatement rows = connection.prepareStatement(insert)) {
            while (jobs.next()) {
                Map<String, String> values = Json.readStringMap(jobs.getString(2));
                for (var entry : values == null ? Map.<String, String>of().entrySet() : values.entrySet()) {
                    rows.setString(1, jobs.getString(1));
                    rows.setString(2, entry.getKey());
                    rows.setString(3, entry.getValue());
                    rows.addBatch();
                }
            }
            rows.executeBatch();
        }
    }
}
