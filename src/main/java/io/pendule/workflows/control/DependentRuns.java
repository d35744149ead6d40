package io.pendule.workflows.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.RunFinished;
import io.pendule.database.control.Jdbc;
import io.pendule.workflows.entity.TriggerRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Runs the jobs that come after a job (naming it as parent_job or in depends_on) when one of its runs has its final
 * outcome, per their trigger rule, in the same run group: a whole chain or DAG run shares its first run's group.
 * Queueing is idempotent per job and group (ExecutionQueue.queueDownstream), so an outcome seen twice, or two
 * upstreams of a fan in finishing together on two nodes, trigger one run.
 */
@ApplicationScoped
public class DependentRuns {

    private static final Logger LOG = Logger.getLogger(DependentRuns.class.getName());

    private static final String DOWNSTREAM = "SELECT name, trigger_rule FROM job WHERE parent_job = ? AND disabled = FALSE "
            + "UNION SELECT j.name, j.trigger_rule FROM job_dependency d JOIN job j ON j.name = d.job_name "
            + "WHERE d.depends_on = ? AND j.disabled = FALSE";
    private static final String UPSTREAM = "SELECT depends_on FROM job_dependency WHERE job_name = ? "
            + "UNION SELECT parent_job FROM job WHERE name = ? AND parent_job IS NOT NULL";
    private static final String SUCCEEDED_IN_GROUP = "SELECT DISTINCT job_name FROM execution WHERE group_id = ? "
            + "AND status = " + ExecutionStatus.SUCCEEDED.literal();

    private record Downstream(String job, TriggerRule rule) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    ExecutionQueue queue;

    void on(@Observes @Priority(RunFinished.QUEUE_DEPENDENTS) RunFinished finished) {
        if (!finished.followUps().downstream()) {
            return;
        }
        if (java.util.Arrays.stream(TriggerRule.values()).noneMatch(rule -> rule.answers(finished.status()))) {
            return; // a run that did not happen (skipped) is followed by nothing: no need to look
        }
        List<String> toRun = jdbc.inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            for (Downstream d : downstreamOf(connection, finished.jobName())) {
                if (d.rule().answers(finished.status())
                        && (!d.rule().waitsForEveryUpstream() || everyUpstreamSucceeded(connection, d.job(), finished.groupId()))) {
                    names.add(d.job());
                }
            }
            return names;
        });
        for (String job : toRun) {
            queue.queueDownstream(job, finished.groupId()).ifPresent(id -> LOG.fine(() -> "Execution " + id + " of " + job
                    + " queued after " + finished.jobName() + " " + finished.status().code() + " in group " + finished.groupId()));
        }
    }

    private static List<Downstream> downstreamOf(Connection connection, String job) throws SQLException {
        List<Downstream> downstream = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(DOWNSTREAM)) {
            select.setString(1, job);
            select.setString(2, job);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    downstream.add(new Downstream(rs.getString(1), TriggerRule.ofCode(rs.getString(2)).orElseThrow()));
                }
            }
        }
        return downstream;
    }

    private static boolean everyUpstreamSucceeded(Connection connection, String job, long groupId) throws SQLException {
        Set<String> upstream = names(connection, UPSTREAM, job, job);
        Set<String> succeeded = names(connection, SUCCEEDED_IN_GROUP, groupId);
        return succeeded.containsAll(upstream);
    }

    private static Set<String> names(Connection connection, String sql, Object... parameters) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
