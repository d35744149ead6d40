package io.pendule.jobs.control;

import io.pendule.api.entity.UnavailableException;
import io.pendule.cluster.control.ClusterSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/**
 * Dkron's pause of new job submissions: while paused, jobs cannot be created or updated; scheduled jobs keep
 * running. Unlike Dkron's flag, which one node keeps in memory, this one is stored: it holds on every node and
 * across restarts.
 */
@Stateless
public class Submissions {

    static final String PAUSED = "submissions_paused";

    @Inject
    ClusterSettings settings;

    public boolean paused() {
        return settings.isOn(PAUSED);
    }

    public boolean pause(boolean paused) {
        return settings.set(PAUSED, paused);
    }

    public void requireOpen() {
        if (paused()) {
            throw new UnavailableException("New job submissions are currently paused");
        }
    }
}
