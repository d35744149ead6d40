package io.pendule.clock.control;

import io.pendule.metrics.entity.MissedReason;

import java.time.Instant;
import java.util.List;

/**
 * What the clock does with a job it found due: the fires it runs (oldest first), the fires it records as missed,
 * and the job's next fire (null: none).
 */
record FirePlan(List<Instant> runs, List<Missed> missed, Instant next) {

    /** A fire that does not run, and why: the error of its {@code missed} execution, and what it is counted under. */
    record Missed(Instant fireAt, String reason, MissedReason kind) {

        /** Late: the cluster did not fire it in time, and the misfire policy lets it go. */
        Missed(Instant fireAt, String reason) {
            this(fireAt, reason, MissedReason.LATE);
        }
    }
}
