package io.pendule.clock.control;

import io.pendule.executions.control.ExecutionRunner;
import io.pendule.executions.entity.ClaimedRun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * A node's runner as it is (its capacity reserved and released as the clock asks), but for its start threads: the
 * runs it is handed are held here for the test to start, one by one, at the time the test has set.
 */
final class HeldRuns extends ExecutionRunner {

    private final Map<Long, ClaimedRun> held = new LinkedHashMap<>();
    private final List<Long> handed = new ArrayList<>();

    @Override
    protected synchronized void startAt(ClaimedRun run, Runnable start, long delayMicros) {
        held.put(run.executionId(), run);
        handed.add(run.executionId());
    }

    /** The runner's periodic tasks (its look at its rows, live output, its lease's watch) run when the test says. */
    @Override
    protected void every(Duration period, Runnable task, ScheduledThreadPoolExecutor thread) {
    }

    /** The ids of the runs handed over since the last call, in the order they were. */
    synchronized List<Long> handedSinceLastLook() {
        List<Long> ids = List.copyOf(handed);
        handed.clear();
        return ids;
    }

    /** The run held with that id, no longer held: it is starting, or being recorded. */
    synchronized ClaimedRun take(long executionId) {
        ClaimedRun run = held.remove(executionId);
        if (run == null) {
            throw new IllegalStateException("execution " + executionId + " is not held by this node: " + held.keySet());
        }
        forget(executionId);
        return run;
    }

    synchronized ClaimedRun peek(long executionId) {
        ClaimedRun run = held.get(executionId);
        if (run == null) {
            throw new IllegalStateException("execution " + executionId + " is not held by this node: " + held.keySet());
        }
        return run;
    }
}
