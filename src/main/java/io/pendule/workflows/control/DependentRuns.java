package io.pendule.workflows.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.NodeCount;
import io.pendule.executions.entity.RunFinished;
import io.pendule.database.control.Jdbc;
import io.pendule.workflows.entity.GroupProgress;
import io.pendule.workflows.entity.TriggerRule;
import io.pendule.executions.control.FanOut;
import io.pendule.executors.entity.RunTargets;
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
import java.util.Optional;
import java.util.TreeSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Runs the jobs that come after a job (naming it as parent_job or in depends_on) when one of its runs has its final
 * outcome, per their trigger rule, in the same run group: a whole chain or DAG run shares its first run's group.
 * A downstream job whose run fans out (a pack job) runs per target: after an upstream execution against db1, against
 * db1 (a rule pack on db1 waits, with all_success, for the metric packs on db1 only: {@link GroupProgress}). Queueing
 * is idempotent per job, group and target (ExecutionQueue.queueDownstream), so an outcome seen twice, or two upstreams
 * of a fan in finishing together on two nodes, trigger one run.
 */
@ApplicationScoped
public class DependentRuns {

    private static final Logger LOG = Logger.getLogger(DependentRuns.class.getName());

    private static final String DOWNSTREAM = "SELECT name, trigger_rule, executor, executor_config, tags FROM job "
            + "WHERE parent_job = ? AND disabled = FALSE "
            + "UNION SELECT j.name, j.trigger_rule, j.executor, j.executor_config, j.tags FROM job_dependency d "
            + "JOIN job j ON j.name = d.job_name WHERE d.depends_on = ? AND j.disabled = FALSE";
    private static final String UPSTREAM = "SELECT depends_on FROM job_dependency WHERE job_name = ? "
            + "UNION SELECT parent_job FROM job WHERE name = ? AND parent_job IS NOT NULL";
    private static final String GROUP = "SELECT job_name, target, status FROM execution WHERE group_id = ?";

    private record Downstream(String job, TriggerRule rule, RunTargets targets) {
    }

    /** A downstream job to queue in the group, against {@code only} these targets (null: all of its run's). */
    private record ToQueue(String job, Set<String> only) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    ExecutionQueue queue;
    @Inject
    FanOut fanOut;

    void on(@Observes @Priority(RunFinished.QUEUE_DEPENDENTS) RunFinished finished) {
        if (!finished.followUps().downstream()) {
            return;
        }
        if (java.util.Arrays.stream(TriggerRule.values()).noneMatch(rule -> rule.answers(finished.status()))) {
            return; // a run that did not happen (skipped) is followed by nothing: no need to look
        }
        List<ToQueue> toRun = jdbc.inTransaction(connection -> {
            List<ToQueue> runs = new ArrayList<>();
            GroupProgress progress = null;
            for (Downstream d : downstreamOf(connection, finished.jobName())) {
                if (!d.rule().answers(finished.status())) {
                    continue;
                }
                if (!d.rule().waitsForEveryUpstream()) {
                    afterThisOne(d, finished.target()).ifPresent(runs::add);
                    continue;
                }
                progress = progress != null ? progress : progressOf(connection, finished.groupId());
                afterEveryUpstream(d, names(connection, UPSTREAM, d.job(), d.job()), progress).ifPresent(runs::add);
            }
            return runs;
        });
        for (ToQueue run : toRun) {
            queue.queueDownstream(run.job(), finished.groupId(), run.only()).ifPresent(id -> LOG.fine(() -> "Execution "
                    + id + " of " + run.job() + " queued after " + finished.jobName() + " " + finished.status().code()
                    + " in group " + finished.groupId()));
        }
    }

    /** on_success, on_failure, always: after this upstream execution, against its target when both fan out. */
    private static Optional<ToQueue> afterThisOne(Downstream d, String target) {
        if (!d.targets().fansOut() || target.isEmpty() || NodeCount.isSlot(target)) {
            return Optional.of(new ToQueue(d.job(), null));
        }
        return d.targets().targets().contains(target) ? Optional.of(new ToQueue(d.job(), Set.of(target))) : Optional.empty();
    }

    /** all_success: against each target every upstream is ready for, or once when every upstream is done everywhere. */
    private static Optional<ToQueue> afterEveryUpstream(Downstream d, Set<String> upstream, GroupProgress progress) {
        if (d.targets().fansOut() && !d.targets().targets().isEmpty()) {
            Set<String> ready = new TreeSet<>(d.targets().targets());
            ready.removeIf(target -> !progress.readyFor(target, upstream));
            return ready.isEmpty() ? Optional.empty() : Optional.of(new ToQueue(d.job(), ready));
        }
        // a downstream with nothing to run against is queued once too: recorded skipped, saying why
        return progress.readyOnce(upstream) ? Optional.of(new ToQueue(d.job(), null)) : Optional.empty();
    }

    private List<Downstream> downstreamOf(Connection connection, String job) throws SQLException {
        return Jdbc.query(connection, DOWNSTREAM, select -> {
            select.setString(1, job);
            select.setString(2, job);
        }, rs -> new Downstream(rs.getString(1), TriggerRule.ofCode(rs.getString(2)).orElseThrow(),
                fanOut.targetsOfStored(rs.getString("executor"), rs.getString("executor_config"), rs.getString("tags"))));
    }

    private static GroupProgress progressOf(Connection connection, long groupId) throws SQLException {
        return new GroupProgress(Jdbc.query(connection, GROUP, select -> select.setLong(1, groupId),
                // a run on several nodes (Dkron's "value:N") counts as one run without a target
                rs -> new GroupProgress.Row(rs.getString("job_name"), NodeCount.isSlot(rs.getString("target")) ? "" : rs.getString("target"),
                        ExecutionStatus.ofCode(rs.getString("status")))));
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
