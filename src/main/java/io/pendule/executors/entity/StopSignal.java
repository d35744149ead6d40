package io.pendule.executors.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the scheduler stops a run it handed to an executor (a job timeout, a cancel request). The executor says how its
 * run is stopped with {@link #onStop}; an action registered once the signal is given runs at once, so a run stopped
 * before its process started is stopped as soon as it starts. The executor's result still ends the run: the scheduler
 * decides what it is recorded as. A stop may come with a grace: an executor that can ask its run to end (a process
 * group's SIGTERM) does so, and forces it only once the grace is over.
 */
public final class StopSignal {

    private final List<Consumer<Duration>> actions = new ArrayList<>();
    private boolean stopped;
    private Duration grace = Duration.ZERO;

    public void onStop(Runnable action) {
        onStopWithGrace(grace -> action.run());
    }

    /** {@code action} is given the grace of the stop: zero to stop at once. */
    public void onStopWithGrace(Consumer<Duration> action) {
        synchronized (this) {
            if (!stopped) {
                actions.add(action);
                return;
            }
        }
        action.accept(grace);
    }

    public void stop() {
        stop(Duration.ZERO);
    }

    public void stop(Duration grace) {
        List<Consumer<Duration>> toRun;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            this.grace = grace;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(action -> action.accept(grace));
    }

    public synchronized boolean stopped() {
        return stopped;
    }
}
