package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.executors.entity.StopSignal;
import io.pendule.secrets.entity.SecretMask;
import io.pendule.tracing.entity.RunTrace;

import java.time.Duration;
import java.time.Instant;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run this node holds, from its claim to its end, and whatever stopped it. Whichever comes first wins: the run's
 * own end, or a stop (its job timeout, a cancel request). A stopped run is recorded as what stopped it, with the
 * output it had printed.
 */
final class HeldRun {

    /** Why the scheduler stopped a run: recorded as this status, with this error. */
    record Stop(ExecutionStatus status, String error) {

        static Stop timeout(String timeout) {
            return new Stop(ExecutionStatus.TIMED_OUT, "job timeout " + timeout + " exceeded");
        }

        static final Stop CANCEL = new Stop(ExecutionStatus.CANCELLED, "cancelled by request");

        static final Stop NODE_STOPPING = new Stop(ExecutionStatus.FAILED,
                "node stopping: the run was still going at the end of the node's stop grace (PENDULE_STOP_GRACE)");

        /** Its row is no longer this node's: whatever is recorded for it is dropped (ExecutionRows.finish). */
        static final Stop TAKEN_AWAY = new Stop(ExecutionStatus.ORPHANED, "stopped: taken away from this node");

        /** Its node's lease ran out: another node may run it by now. Recorded only if the row is still this node's. */
        static final Stop LEASE_LOST = new Stop(ExecutionStatus.ORPHANED,
                "stopped: its node lost its lease (no successful heartbeat for " + NodeLease.LENGTH.toSeconds() + " s)");
    }

    private static final Stop ENDED_BY_ITSELF = new Stop(null, null);

    final ClaimedRun run;
    /** Its span from its claim to its end; {@link RunTrace#NONE} on a node whose traces are off. */
    final RunTrace trace;
    final StopSignal signal = new StopSignal();
    final RunningOutput output = new RunningOutput();
    /** The secret values its executor was given: kept out of what the run leaves behind. */
    private volatile SecretMask mask = SecretMask.NONE;
    private volatile Instant startedAt;
    private final AtomicReference<Stop> end = new AtomicReference<>();
    private volatile ScheduledFuture<?> timeout;

    HeldRun(ClaimedRun run, RunTrace trace) {
        this.run = run;
        this.trace = trace;
    }

    long id() {
        return run.executionId();
    }

    /** Stops the run unless it has ended already; returns whether this stop is what ends it. */
    boolean stop(Stop why) {
        return stop(why, Duration.ZERO);
    }

    /** As {@link #stop(Stop)}, asking the run to end first and forcing it once {@code grace} is over. */
    boolean stop(Stop why, Duration grace) {
        if (!end.compareAndSet(null, why)) {
            return false;
        }
        signal.stop(grace);
        return true;
    }

    /** The stop that came before the run's own end, if any. */
    Optional<Stop> stoppedBy() {
        Stop stop = end.get();
        return stop == null || stop == ENDED_BY_ITSELF ? Optional.empty() : Optional.of(stop);
    }

    void mask(SecretMask mask) {
        this.mask = mask;
    }

    /** Its live output as the page may show it: without the secrets' values, nor the start of one not printed whole yet. */
    RunningOutput.Snapshot shown(RunningOutput.Snapshot tail) {
        SecretMask secrets = mask;
        return secrets.isEmpty() ? tail : new RunningOutput.Snapshot(secrets.maskedLiveTail(tail.stdout(), tail.truncated()),
                secrets.maskedLiveTail(tail.stderr(), tail.truncated()), tail.truncated());
    }

    /** Its result as it is recorded: without the secrets' values in its output or error. */
    ExecutionResult shown(ExecutionResult result) {
        SecretMask secrets = mask;
        return secrets.isEmpty() ? result : new ExecutionResult(result.outcome(), result.exitCode(),
                secrets.maskedTail(result.stdout(), result.outputTruncated()),
                secrets.maskedTail(result.stderr(), result.outputTruncated()), result.outputTruncated(),
                secrets.masked(result.error()));
    }

    void startedAt(Instant at) {
        this.startedAt = at;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** Started at or before {@code instant} and not ended yet. */
    boolean runningSince(Instant instant) {
        Instant started = startedAt;
        return started != null && !started.isAfter(instant) && end.get() == null;
    }

    void timeoutAt(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    /** The run has ended: a stop coming later changes nothing. Returns the stop that came first, if one did. */
    Optional<Stop> ended() {
        end.compareAndSet(null, ENDED_BY_ITSELF);
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        return stoppedBy();
    }
}
