package io.pendule.clock.control;

import io.pendule.cluster.control.ClusterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The pause of the whole cluster's scheduler, stored in {@code cluster_setting}: while paused no clock fires a job
 * nor claims a queued run (runs already claimed start and finish). On resume each job's misfire policy deals with
 * the fires it missed.
 */
@ApplicationScoped
public class SchedulerSwitch {

    static final String PAUSED = "scheduler_paused";

    @Inject
    ClusterSettings settings;

    public boolean paused() {
        return settings.isOn(PAUSED);
    }

    /** Returns the new state. */
    public boolean pause(boolean paused) {
        return settings.set(PAUSED, paused);
    }
}
