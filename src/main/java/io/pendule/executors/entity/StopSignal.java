package io.pendule.executors.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * How the scheduler stops a run it handed to an executor (a job timeout, a cancel request). The executor says how its
 * run is stopped with {@link #onStop}; an action registered once the signal is given runs at once, so a run stopped
 * before its process started is stopped as soon as it starts. The executor's result still ends the run: the scheduler
 * decides what it is recorded as.
 */
public final class StopSignal {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean stopped;

    public void onStop(Runnable action) {
        synchronized (this) {
            if (!stopped) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    public void stop() {
        List<Runnable> toRun;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean stopped() {
        return stopped;
    }
}
