package io.pendule.executions.entity;

import java.time.Instant;

/** Which runs of a job's history to show: of a status, of a trigger, scheduled from (inclusive) to (exclusive); null: any. */
public record HistoryFilter(ExecutionStatus status, Trigger trigger, Instant from, Instant to) {

    public static final HistoryFilter ANY = new HistoryFilter(null, null, null, null);
}
