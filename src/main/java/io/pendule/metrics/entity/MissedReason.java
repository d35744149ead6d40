package io.pendule.metrics.entity;

import java.util.Locale;

/** Why a fire was recorded missed: the small fixed set of {@code pendule_fires_missed_total}'s reasons. */
public enum MissedReason {
    /** The cluster was down, paused or overloaded past the misfire threshold, and the job's misfire policy let it go. */
    LATE,
    /** Not started within the job's starting_deadline. */
    STARTING_DEADLINE,
    /** The job no longer parses: it fires no more until it is saved again. */
    BROKEN_JOB,
    /** Queued too long: no live node serves the job's tags. */
    NO_NODE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
