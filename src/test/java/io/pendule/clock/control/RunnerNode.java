package io.pendule.clock.control;

import io.pendule.security.control.AuditWriter;
import io.pendule.database.control.DatabaseClock;
import io.pendule.database.control.Jdbc;
import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionIds;
import io.pendule.executions.control.DayCounts;
import io.pendule.executions.control.ExecutionRecorder;
import io.pendule.executions.control.ExecutionRunner;
import io.pendule.executions.control.NodeLease;
import io.pendule.executions.control.Orphans;
import io.pendule.executions.control.Overlaps;
import io.pendule.executions.control.Retries;
import io.pendule.executions.control.RunOutcomes;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.executors.control.JobExecutor;
import io.pendule.platform.Settings;
import io.pendule.tracing.control.RunTracer;
import io.pendule.workflows.control.Gates;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node's runner as it is, with its own start threads, executors (the test's) and recorder, wired by hand: the runs
 * a {@link ClockNode} claimed and handed over start here at once, and their results are recorded. Room for one run.
 */
final class RunnerNode implements AutoCloseable {

    private final HandWiring beans = new HandWiring();
    private final ExecutionRunner runner;
    private final ExecutionRecorder recorder;

    /** {@code lease}: the lease of the node whose clock claims the runs, the same process. */
    RunnerNode(String name, DataSource database, SettableTime time, NodeLease lease, DatabaseClock databaseClock,
               JobExecutor... executors) {
        beans.add(database);
        beans.add(Settings.of(Map.of("pendule.node.name", name, "pendule.worker.capacity", "1")));
        beans.add(time);
        beans.add(lease);
        beans.add(databaseClock);
        beans.add(ClockNode.threads());
        beans.add(ClockNode.inline());
        beans.add(new io.pendule.metrics.control.Metrics());
        beans.add(new Jdbc());
        beans.add(new AuditWriter());
        beans.add(new ExecutionIds());
        for (JobExecutor executor : executors) {
            beans.add(executor);
        }
        beans.add(new ExecutorRegistry());
        beans.add(new SecretResolver());
        beans.add(new RunTracer());
        beans.add(new RunOutcomes());
        beans.add(new Retries());
        beans.add(new DayCounts());
        beans.add(new Gates());
        beans.add(new Overlaps());
        beans.add(new CancelRequests());
        beans.add(new Orphans());
        recorder = beans.add(new ExecutionRecorder());
        runner = beans.add(new ExecutionRunner());
        beans.wire();
        beans.construct();
    }

    /** Starts the run now, in the room it reserves for it. */
    void start(ClaimedRun run) {
        if (runner.reserve(1) != 1) {
            throw new AssertionError("no room for execution " + run.executionId() + ": the runner is full");
        }
        runner.submit(List.of(run));
    }

    /** Whether the runner has no room left: a run it holds has not ended, or did not give its room back. */
    boolean full() {
        return runner.full();
    }

    /** Waits until what the recorder received is written; fails after {@code patience}. */
    void written(Duration patience) {
        if (!recorder.flush(patience)) {
            throw new AssertionError("the recorder could not write within " + patience);
        }
    }

    @Override
    public void close() {
        beans.destroy(bean -> true);
    }
}
