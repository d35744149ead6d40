package io.pendule.metrics.entity;

import java.util.Locale;

/** Why a run was recorded skipped: the small fixed set of {@code pendule_runs_skipped_total}'s reasons. */
public enum SkipReason {
    /** A gate of the job ({@code requires}) was closed. */
    GATE,
    /** The job's concurrency policy (forbid, replace) refused it. */
    CONCURRENCY,
    /** Its job's run had nothing to run against (no target). */
    NO_TARGETS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
