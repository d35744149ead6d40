package io.pendule.executions.control;

import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RunsRecorded;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.RunningOutput;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlFaults;
import io.pendule.database.control.SqlTime;
import io.pendule.metrics.control.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what happens to running executions: starts, results, the job's counters and the retries. Events are
 * written in batches, one transaction every few milliseconds, so that thousands of executions a second cost a
 * handful of commits. A start is written only if the run is still going {@link #START_WRITE_DELAY} later: most
 * runs are over by then, and their result carries their start. A batch that cannot be written is kept and tried
 * again: results are never dropped, except the late result of a run this node no longer held (see markFinished).
 * The output of long runs is written while they go on (see {@link #output}), and never over their result.
 */
@ApplicationScoped
public class ExecutionRecorder {

    private static final Logger LOG = Logger.getLogger(ExecutionRecorder.class.getName());
    private static final long FLUSH_EVERY_MS = 10;
    static final Duration START_WRITE_DELAY = Duration.ofSeconds(1);
    /** Events written in one transaction at most: long transactions would hold row locks others wait for. */
    static final int MAX_BATCH = 2_000;
    private static final String COUNT_ON_JOB = "UPDATE job_stats SET "
            + "success_count = success_count + ?, error_count = error_count + ?, "
            + "last_success = CASE WHEN last_success IS NULL OR last_success < ? THEN ? ELSE last_success END, "
            + "last_error = CASE WHEN last_error IS NULL OR last_error < ? THEN ? ELSE last_error END, "
            + "status = ? WHERE job_name = ?";

    sealed interface Event permits Started, Finished {
    }

    record Started(long executionId, Instant at) implements Event {
    }

    record Finished(ClaimedRun run, ExecutionStatus status, Instant startedAt, Instant finishedAt,
                    ExecutionResult result) implements Event {
    }

    @Resource
    ManagedThreadFactory threads;
    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    RunOutcomes outcomes;
    @Inject
    Retries retries;
    @Inject
    NodeLease lease;
    @Inject
    jakarta.enterprise.event.Event<RunsRecorded> recordedEnds;
    @Inject
    DayCounts dayCounts;
    @Inject
    Metrics metrics;


    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> unwritten = new ArrayList<>();
    /** Starts of runs not finished yet, by execution id: touched by the writer thread only. */
    private final Map<Long, Instant> unfinishedStarts = new java.util.LinkedHashMap<>();
    /**
     * The latest output of running runs, by execution id, waiting to be written: one entry per run at most, replaced by
     * a newer one, so it stays bounded whatever the database does; best effort, their result writes it all anyway.
     */
    private final Map<Long, RunningOutput.Snapshot> liveOutputs = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    /** Events written so far, in the order received: updated by the writer thread only. */
    private volatile long written;
    /** When the writer last had nothing left to write or wrote a batch: liveness (executions.boundary). */
    private volatile Instant lastProgress;
    private Thread writer;
    /** The last batch was refused for its data: the next one is written event by event. Writer thread only. */
    private boolean isolating;

    @PostConstruct
    void startWriter() {
        lastProgress = time.instant();
        writer = threads.newThread(this::writeLoop);
        writer.setName("pendule-recorder");
        writer.start();
    }

    @PreDestroy
    void stopWriter() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits, at most {@code patience}, until every event received so far is written; returns whether they are. */
    public boolean flush(Duration patience) {
        long target = received.get();
        Instant deadline = Instant.now().plus(patience);
        while (written < target && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return written >= target;
    }

    /** Events received and not written yet. */
    public long backlog() {
        return received.get() - written;
    }

    /** Since when events have been waiting unwritten; empty when none wait. */
    public Optional<Instant> stalledSince() {
        return backlog() > 0 ? Optional.of(lastProgress) : Optional.empty();
    }

    public void started(long executionId, Instant at) {
        received.incrementAndGet();
        events.add(new Started(executionId, at));
    }

    public void finished(ClaimedRun run, ExecutionStatus status, Instant startedAt, Instant finishedAt, ExecutionResult result) {
        received.incrementAndGet();
        events.add(new Finished(run, status, startedAt, finishedAt, result));
    }

    /** The output a run has printed so far, written with the next batch unless the run's result comes first. */
    public void output(long executionId, RunningOutput.Snapshot tail) {
        liveOutputs.put(executionId, tail);
    }

    private void writeLoop() {
        while (running || !events.isEmpty() || !unwritten.isEmpty()) {
            try {
                Event first = events.poll(FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    unwritten.add(first);
                }
                events.drainTo(unwritten, Math.max(0, MAX_BATCH - unwritten.size()));
                if (isolating) {
                    writeOneByOne();
                    isolating = false;
                } else if (!unwritten.isEmpty() || !startsToWrite().isEmpty() || !liveOutputs.isEmpty()) {
                    writeBatch();
                }
                lastProgress = time.instant();
            } catch (InterruptedException e) {
                running = false;
            } catch (Throwable e) { // an Error must not end the one thread that records this node's runs
                if (!running) {
                    LOG.log(Level.SEVERE, "Stopping: " + (unwritten.size() + events.size()) + " execution events could not be"
                            + " recorded; their executions will show as orphaned when this node starts again", e);
                    unwritten.clear();
                    events.clear();
                } else if (SqlFaults.transientFault(e)) {
                    LOG.log(Level.WARNING, "Could not record " + unwritten.size() + " execution events, retrying: " + e.getMessage(), e);
                    pause();
                } else {
                    LOG.log(Level.WARNING, "A batch of " + unwritten.size() + " execution events was refused (" + e
                            + "): writing them one by one to set the one at fault aside");
                    isolating = true;
                }
            }
        }
    }

    /**
     * Writes the batch (the runs' starts due, their waiting output, the results received) in one transaction, and hands
     * the final outcomes on.
     */
    private void writeBatch() {
        List<Finished> finished = absorbStarts();
        List<ExecutionRows.Start> started = startsToWrite();
        Map<Long, RunningOutput.Snapshot> outputs = liveOutputsOfUnfinished(finished);
        write(started, outputs, finished);
        written += unwritten.size();
        unwritten.clear();
    }

    /** Takes the starts received into {@link #unfinishedStarts}, less the runs over already; returns the results received. */
    private List<Finished> absorbStarts() {
        for (Event event : unwritten) {
            if (event instanceof Started s) {
                unfinishedStarts.putIfAbsent(s.executionId(), s.at());
            }
        }
        List<Finished> finished = unwritten.stream().filter(Finished.class::isInstance).map(Finished.class::cast).toList();
        finished.forEach(f -> unfinishedStarts.remove(f.run().executionId()));
        return finished;
    }

    private void write(List<ExecutionRows.Start> started, Map<Long, RunningOutput.Snapshot> outputs, List<Finished> finished) {
        List<Finished> recorded = jdbc.inTransaction(connection -> {
            ExecutionRows.markStarted(connection, started);
            // only over runs still running: once a result is written (by an earlier batch, or on this one's heels by
            // the same writer thread), a late tail matches no row
            ExecutionRows.writeOutput(connection, outputs);
            List<Finished> stillHeld = markFinished(connection, finished);
            countOnJobs(connection, stillHeld);
            queueRetries(connection, stillHeld);
            outcomes.write(connection, followed(stillHeld));
            // last: the day's row is this node's, but its lock is held until the commit
            dayCounts.add(connection, stillHeld.stream().filter(f -> f.status() != ExecutionStatus.SKIPPED)
                    .map(f -> new DayCounts.Finished(f.finishedAt(), f.status().success())).toList());
            return stillHeld;
        });
        started.forEach(s -> unfinishedStarts.remove(s.executionId()));
        count(recorded);
        outcomes.wake(followed(recorded));
        if (!recorded.isEmpty()) {
            recordedEnds.fire(new RunsRecorded(recorded.stream().map(f -> f.run().executionId()).toList()));
        }
    }

    /**
     * After a batch was refused for its data: each part in a transaction of its own, so that one event the database
     * refuses (a value it cannot store) does not hold back every other result of this node, forever. A result refused
     * alone is written again with a short ASCII reason instead of its output and error; refused even so, only its row
     * is ended (no counters, no retry); and if that too is refused, it is dropped with a SEVERE log. A transient error
     * on the way goes up: the events not written yet are tried again later, as a batch.
     */
    private void writeOneByOne() {
        List<Finished> finished = absorbStarts();
        written += unwritten.size() - finished.size();
        unwritten.removeIf(Started.class::isInstance);
        refusalOf(() -> write(startsToWrite(), Map.of(), List.of()))
                .ifPresent(e -> LOG.log(Level.SEVERE, "Could not record the starts of running executions", e));
        liveOutputsOfUnfinished(finished).forEach((id, tail) -> refusalOf(() -> write(List.of(), Map.of(id, tail), List.of()))
                .ifPresent(e -> LOG.log(Level.WARNING, "Could not record the output so far of execution " + id + ": dropped", e)));
        for (Finished f : finished) {
            refusalOf(() -> write(List.of(), Map.of(), List.of(f))).ifPresent(refused -> writeWithoutTexts(f, refused));
            unwritten.remove(f);
            written++;
        }
    }

    private void writeWithoutTexts(Finished f, Throwable refused) {
        String run = "execution " + f.run().executionId() + " of " + f.run().jobName();
        LOG.log(Level.SEVERE, "The database refused the result of " + run + ": it is written without its output", refused);
        Finished bare = withoutTexts(f, refused);
        refusalOf(() -> write(List.of(), Map.of(), List.of(bare)))
                .flatMap(again -> refusalOf(() -> jdbc.inTransaction(connection -> markFinished(connection, List.of(bare)))))
                .ifPresent(last -> LOG.log(Level.SEVERE, "Could not record the end of " + run + " at all: dropped (" + bare.status().code()
                        + ", exit code " + bare.result().exitCode() + ")", last));
    }

    /** Runs one part of a refused batch; returns why the database refused it, if it did. A transient error goes up. */
    private static Optional<Throwable> refusalOf(Runnable part) {
        try {
            part.run();
            return Optional.empty();
        } catch (Throwable e) {
            if (SqlFaults.transientFault(e)) {
                throw e;
            }
            return Optional.of(e);
        }
    }

    /** The result as it can always be stored: its status, exit code and times, with a short ASCII reason instead of its texts. */
    private static Finished withoutTexts(Finished f, Throwable refused) {
        ExecutionResult r = f.result();
        return new Finished(f.run(), f.status(), f.startedAt(), f.finishedAt(), new ExecutionResult(r.outcome(), r.exitCode(),
                "", "", r.outputTruncated(), UNSTORABLE + SqlFaults.brief(refused)));
    }

    static final String UNSTORABLE = "result could not be stored, its output and error are dropped: ";

    /** Takes the waiting outputs, but for the runs whose result is in this batch: their result is the last word. */
    private Map<Long, RunningOutput.Snapshot> liveOutputsOfUnfinished(List<Finished> finished) {
        Map<Long, RunningOutput.Snapshot> taken = new TreeMap<>();
        for (Long id : List.copyOf(liveOutputs.keySet())) {
            RunningOutput.Snapshot tail = liveOutputs.remove(id);
            if (tail != null) {
                taken.put(id, tail);
            }
        }
        finished.forEach(f -> taken.remove(f.run().executionId()));
        return taken;
    }

    /** Counts the results written; a fault there must not make the writer write a committed batch again. */
    private void count(List<Finished> recorded) {
        try {
            recorded.forEach(f -> metrics.runFinished(f.run().jobName(), f.status().code(), ranFor(f)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not count " + recorded.size() + " results in the metrics", e);
        }
    }

    /** How long the run ran; null when it never started (skipped, or stopped before its start). */
    private static Duration ranFor(Finished f) {
        return f.status() == ExecutionStatus.SKIPPED || f.startedAt() == null || f.finishedAt() == null ? null
                : Duration.between(f.startedAt(), f.finishedAt());
    }

    /** A failed attempt with attempts left is followed by a retry (see queueRetries): its outcome is not final. */
    private static boolean retried(Finished f) {
        return Retries.retriable(f.status()) && f.run().attempt() <= f.run().spec().retries();
    }

    /** The final outcomes among these results, with what follows them. */
    private static List<FollowUpRows.Pending> followed(List<Finished> recorded) {
        return recorded.stream().filter(f -> !retried(f))
                .map(f -> new FollowUpRows.Pending(f.run().executionId(), f.run().spec().followUps())).toList();
    }

    /** Runs started long enough ago to show as running; the map is in start order. */
    private List<ExecutionRows.Start> startsToWrite() {
        Instant startedBefore = time.instant().minus(START_WRITE_DELAY);
        List<ExecutionRows.Start> due = new ArrayList<>();
        for (var start : unfinishedStarts.entrySet()) {
            if (start.getValue().isAfter(startedBefore)) {
                break;
            }
            due.add(new ExecutionRows.Start(start.getKey(), start.getValue()));
        }
        return due;
    }

    /**
     * Writes the results of the runs still held by this node, and returns those. A run no longer {@code running} was
     * declared orphaned meanwhile (its lease ran out, see Orphans) and may already be retried elsewhere: its late
     * result is not written over that, nor counted, nor retried.
     */
    private List<Finished> markFinished(Connection connection, List<Finished> finished) throws SQLException {
        if (finished.isEmpty()) {
            return finished;
        }
        boolean[] written = ExecutionRows.finish(connection, lease.incarnation(), finished.stream().map(f -> new ExecutionRows.Finish(
                f.run().executionId(), f.status(), f.startedAt(), f.finishedAt(), f.result())).toList());
        List<Finished> stillHeld = new ArrayList<>();
        for (int i = 0; i < finished.size(); i++) {
            if (written[i]) {
                stillHeld.add(finished.get(i));
            } else {
                Finished lost = finished.get(i);
                LOG.warning(() -> "Execution " + lost.run().executionId() + " of " + lost.run().jobName() + " ended "
                        + lost.status().code() + " on this node after it had lost the run (its lease expired, or the job"
                        + " was deleted): that result is not recorded");
            }
        }
        return stillHeld;
    }

    /**
     * Per job, in name order so that two nodes updating the same jobs never deadlock. A skipped run (a closed gate)
     * did not run: it is neither a success nor an error, and leaves the job's status as it was.
     */
    private void countOnJobs(Connection connection, List<Finished> finished) throws SQLException {
        Map<String, JobTally> tallies = new TreeMap<>();
        finished.stream().filter(f -> f.status() != ExecutionStatus.SKIPPED)
                .forEach(f -> tallies.computeIfAbsent(f.run().jobName(), n -> new JobTally()).add(f));
        Jdbc.batch(connection, COUNT_ON_JOB, tallies.entrySet(), (update, entry) -> {
            JobTally t = entry.getValue();
            update.setLong(1, t.successes);
            update.setLong(2, t.errors);
            SqlTime.set(update, 3, t.lastSuccess);
            SqlTime.set(update, 4, t.lastSuccess);
            SqlTime.set(update, 5, t.lastError);
            SqlTime.set(update, 6, t.lastError);
            update.setString(7, t.latestSucceeded ? "success" : "failed");
            update.setString(8, entry.getKey());
        });
    }

    private void queueRetries(Connection connection, List<Finished> finished) throws SQLException {
        List<Retries.Attempt> failed = finished.stream().filter(ExecutionRecorder::retried)
                .map(f -> new Retries.Attempt(f.run().jobName(), f.run().groupId(), f.run().attempt(), f.run().target())).toList();
        if (failed.isEmpty()) {
            return;
        }
        retries.queueAfter(connection, failed, retries.of(connection, failed.stream().map(Retries.Attempt::jobName).toList()),
                time.instant());
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private static final class JobTally {
        long successes;
        long errors;
        Instant lastSuccess;
        Instant lastError;
        Instant latest = Instant.MIN;
        boolean latestSucceeded;

        void add(Finished f) {
            boolean success = f.status().success();
            if (success) {
                successes++;
                lastSuccess = later(lastSuccess, f.finishedAt());
            } else {
                errors++;
                lastError = later(lastError, f.finishedAt());
            }
            if (!f.finishedAt().isBefore(latest)) {
                latest = f.finishedAt();
                latestSucceeded = success;
            }
        }

        private static Instant later(Instant a, Instant b) {
            return a == null || b.isAfter(a) ? b : a;
        }
    }
}
