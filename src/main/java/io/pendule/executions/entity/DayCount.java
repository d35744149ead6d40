package io.pendule.executions.entity;

import java.time.LocalDate;

/** The runs that finished on one day (UTC) across the cluster: succeeded, and failed (see DayCounts for which). */
public record DayCount(LocalDate day, long successes, long failures) {
}
