package io.pendule.clock.control;

import io.pendule.cluster.control.ClusterSettings;
import io.pendule.database.control.Jdbc;
import io.pendule.security.control.AuditDiff;
import io.pendule.security.control.AuditWriter;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * The pause of the whole cluster's scheduler, stored in {@code cluster_setting}: while paused no clock fires a job
 * nor claims a queued run (runs already claimed start and finish). On resume each job's misfire policy deals with
 * the fires it missed. A pause or resume is recorded in the audit log in its transaction.
 */
@ApplicationScoped
public class SchedulerSwitch {

    static final String PAUSED = "scheduler_paused";
    static final String TARGET = "scheduler";

    @Inject
    ClusterSettings settings;
    @Inject
    Jdbc jdbc;
    @Inject
    AuditWriter audit;

    public boolean paused() {
        return settings.isOn(PAUSED);
    }

    /** Pauses or resumes for {@code caller}; returns the new state. */
    public boolean pause(boolean paused, Identity caller) {
        Optional<AuditEvent> event = jdbc.inTransaction(connection -> {
            boolean was = settings.isOn(connection, PAUSED);
            settings.set(connection, PAUSED, paused);
            return audit.write(connection, caller, paused ? AuditAction.SCHEDULER_PAUSE : AuditAction.SCHEDULER_RESUME,
                    TARGET, AuditEvent.Outcome.ALLOWED,
                    AuditDiff.between(Map.of("paused", was), Map.of("paused", paused)).details());
        });
        audit.mirror(event);
        return paused;
    }
}
