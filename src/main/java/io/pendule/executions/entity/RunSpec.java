package io.pendule.executions.entity;

import io.pendule.platform.Json;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * How a job's runs run, read from its row when a run is claimed: the tags that select the nodes, its executor and
 * configuration, its retries, its {@code timeout} ("" for none, a Go duration), its concurrency policy, whether it
 * has gates to check first, and what follows its runs.
 */
public record RunSpec(Map<String, String> tags, String executor, Map<String, String> executorConfig, int retries,
                      String timeout, Concurrency concurrency, boolean gated, FollowUps followUps) {

    /** The SQL select-list expressions for a row of {@code job}, named as {@link #read} reads them. */
    public static final String COLUMNS = "tags, executor, executor_config, retries, timeout, concurrency, "
            + "EXISTS (SELECT 1 FROM job_gate g WHERE g.job_name = job.name) AS gated, " + FollowUps.COLUMNS;

    public static RunSpec read(ResultSet rs) throws SQLException {
        return new RunSpec(Json.readStringMap(rs.getString("tags")), rs.getString("executor"),
                Json.readStringMap(rs.getString("executor_config")), rs.getInt("retries"), rs.getString("timeout"),
                Concurrency.ofColumn(rs.getString("concurrency")), rs.getBoolean("gated"), FollowUps.read(rs));
    }
}
