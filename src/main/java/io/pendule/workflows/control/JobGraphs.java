package io.pendule.workflows.control;

import io.pendule.database.control.Jdbc;
import io.pendule.workflows.entity.JobGraph;
import io.pendule.workflows.entity.JobLink;
import io.pendule.workflows.entity.JobNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the job graph for the dependencies page: the jobs in a relation, the relations, how many jobs in all. */
@ApplicationScoped
public class JobGraphs {

    private static final String RELATED_JOBS = "SELECT j.name, j.displayname, j.depth, j.disabled, s.status "
            + "FROM job j JOIN job_stats s ON s.job_name = j.name "
            + "WHERE j.name IN (SELECT job_name FROM job_upstream UNION SELECT upstream_name FROM job_upstream) "
            + "ORDER BY j.depth, j.name";
    private static final String PARENTS = "SELECT parent_job, name, '' FROM job WHERE parent_job IS NOT NULL";
    private static final String DEPENDENCIES = "SELECT d.depends_on, d.job_name, j.trigger_rule "
            + "FROM job_dependency d JOIN job j ON j.name = d.job_name";
    private static final String GATES = "SELECT required_job, job_name, within FROM job_gate";
    private static final String JOB_COUNT = "SELECT COUNT(*) FROM job";
    private static final String JOB_EXISTS = "SELECT 1 FROM job WHERE name = ?";

    @Inject
    Jdbc jdbc;

    public JobGraph graph() {
        return jdbc.inTransaction(connection -> {
            List<JobNode> nodes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(RELATED_JOBS); ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    nodes.add(new JobNode(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                            rs.getString(5) == null ? "" : rs.getString(5)));
                }
            }
            List<JobLink> links = new ArrayList<>();
            links(connection, PARENTS, JobLink.Kind.PARENT, links);
            links(connection, DEPENDENCIES, JobLink.Kind.DEPENDS_ON, links);
            links(connection, GATES, JobLink.Kind.REQUIRES, links);
            try (PreparedStatement count = connection.prepareStatement(JOB_COUNT); ResultSet rs = count.executeQuery()) {
                rs.next();
                return new JobGraph(nodes, links, rs.getLong(1));
            }
        });
    }

    /** Whether a job of this name exists (a focus on an unknown job is a 404). */
    public boolean exists(String jobName) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(JOB_EXISTS)) {
                select.setString(1, jobName);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static void links(Connection connection, String sql, JobLink.Kind kind, List<JobLink> links) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                links.add(new JobLink(rs.getString(1), rs.getString(2), kind, rs.getString(3) == null ? "" : rs.getString(3)));
            }
        }
    }
}
