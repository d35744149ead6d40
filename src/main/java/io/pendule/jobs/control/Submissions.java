package io.pendule.jobs.control;

import io.pendule.api.entity.UnavailableException;
import io.pendule.cluster.control.ClusterSettings;
import io.pendule.security.control.AuditDiff;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Dkron's pause of new job submissions: while paused, jobs cannot be created or updated; scheduled jobs keep
 * running. Unlike Dkron's flag, which one node keeps in memory, this one is stored: it holds on every node and
 * across restarts. A pause or resume is recorded in the audit log in its transaction.
 */
@ApplicationScoped
@Transactional
public class Submissions {

    static final String PAUSED = "submissions_paused";
    static final String TARGET = "submissions";

    @Inject
    ClusterSettings settings;
    @Inject
    AuditLog audit;

    public boolean paused() {
        return settings.isOn(PAUSED);
    }

    /** Pauses or resumes submissions for {@code caller}; returns the new state. */
    public boolean pause(boolean paused, Identity caller) {
        boolean was = settings.isOn(PAUSED);
        settings.set(PAUSED, paused);
        audit.record(caller, paused ? AuditAction.SUBMISSIONS_PAUSE : AuditAction.SUBMISSIONS_RESUME, TARGET,
                AuditDiff.between(Map.of("paused", was), Map.of("paused", paused)).details());
        return paused;
    }

    public void requireOpen() {
        if (paused()) {
            throw new UnavailableException("New job submissions are currently paused");
        }
    }
}
