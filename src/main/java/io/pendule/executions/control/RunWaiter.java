package io.pendule.executions.control;

import io.pendule.executions.entity.Execution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/** Waits for an execution to finish, for clients that want a run's outcome in the answer (run now with ?wait). */
@ApplicationScoped
public class RunWaiter {

    private static final Duration FIRST_LOOK = Duration.ofMillis(50);
    private static final Duration LONGEST_LOOK = Duration.ofSeconds(1);

    @Inject
    ExecutionHistory history;

    /** The execution once finished, or as it stands when {@code patience} runs out. */
    public Execution await(long id, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        Duration pause = FIRST_LOOK;
        while (true) {
            Execution execution = history.byId(id).orElseThrow();
            if (execution.status().finished() || Instant.now().isAfter(deadline)) {
                return execution;
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_LOOK) > 0 ? LONGEST_LOOK : pause.multipliedBy(2);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an execution", e);
        }
    }
}
