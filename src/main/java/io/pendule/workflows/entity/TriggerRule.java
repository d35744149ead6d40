package io.pendule.workflows.entity;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.platform.Codes;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a job runs after the jobs it depends on (its parent_job and depends_on), judged on each upstream run's final
 * outcome, after its retries. A downstream job runs at most once per run group, whichever upstream triggers it.
 */
public enum TriggerRule {
    /** Some upstream run succeeded (Dkron's parent/child rule). */
    ON_SUCCESS,
    /** Some upstream run failed, timed out or was orphaned. */
    ON_FAILURE,
    /** Some upstream run ended, whatever its outcome, as long as it ran. */
    ALWAYS,
    /** Every upstream job has succeeded in the run group: a fan in. */
    ALL_SUCCESS;

    private static final Set<ExecutionStatus> FAILURES =
            EnumSet.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT, ExecutionStatus.ORPHANED);
    /** A skipped or missed run did not happen: nothing follows it, whatever the rule. */
    private static final Set<ExecutionStatus> DID_NOT_RUN = EnumSet.of(ExecutionStatus.SKIPPED, ExecutionStatus.MISSED);

    /** The code in JSON and the database: on_success, on_failure, always, all_success. */
    public String code() {
        return Codes.of(this);
    }

    public static List<String> codes() {
        return Codes.all(TriggerRule.class);
    }

    /** The rule of a code; empty for an unknown one. */
    public static Optional<TriggerRule> ofCode(String code) {
        return Codes.find(TriggerRule.class, code);
    }

    /** Whether an upstream run that ended so may trigger the job; for all_success, the other upstreams must agree. */
    public boolean answers(ExecutionStatus outcome) {
        return switch (this) {
            case ON_SUCCESS, ALL_SUCCESS -> outcome == ExecutionStatus.SUCCEEDED;
            case ON_FAILURE -> FAILURES.contains(outcome);
            case ALWAYS -> outcome.finished() && !DID_NOT_RUN.contains(outcome);
        };
    }

    public boolean waitsForEveryUpstream() {
        return this == ALL_SUCCESS;
    }
}
