package io.pendule.executions.control;

import io.pendule.executions.entity.RunFinished;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces final outcomes to their observers ({@code @Observes RunFinished}), on the container's managed
 * executor: never on the recorder's thread, so a slow observer (a webhook) cannot hold up the recording of runs,
 * and an observer's failure never changes a run's outcome.
 */
@ApplicationScoped
public class RunOutcomes {

    private static final Logger LOG = Logger.getLogger(RunOutcomes.class.getName());

    @Resource
    ManagedExecutorService executor;
    @Inject
    Event<RunFinished> event;

    /** Only outcomes something follows are announced: most runs cost nothing here. */
    public void announce(List<RunFinished> outcomes) {
        List<RunFinished> followed = outcomes.stream().filter(o -> o.followUps().any()).toList();
        if (followed.isEmpty()) {
            return;
        }
        executor.execute(() -> followed.forEach(this::announce));
    }

    private void announce(RunFinished outcome) {
        try {
            event.fire(outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "What follows execution " + outcome.executionId() + " of " + outcome.jobName()
                    + " failed: " + e.getMessage(), e);
        }
    }
}
