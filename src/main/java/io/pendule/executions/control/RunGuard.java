package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;

import java.util.Optional;

/**
 * A check a run must pass when it is about to start, such as a gate of the workflows component. The runner asks
 * every guard, only for runs whose job has gates ({@link ClaimedRun#gated()}), so that ungated runs cost nothing;
 * a refusal records the run as skipped, with the reason.
 */
public interface RunGuard {

    /** Why the run may not start now, or empty if it may. */
    Optional<String> refusal(ClaimedRun run);
}
