package io.pendule.executions.control;

import io.pendule.executions.entity.ApiExecutionId;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.executors.control.JobExecutor;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.database.control.SqlFaults;
import io.pendule.executors.entity.RunIdentity;
import io.pendule.metrics.control.Metrics;
import io.pendule.metrics.entity.SkipReason;
import io.pendule.platform.Settings;
import io.pendule.platform.GoDuration;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.secrets.entity.ResolvedConfig;
import io.pendule.secrets.entity.SecretUnavailable;
import io.pendule.tracing.control.RunTracer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the executions this node has claimed: each starts at its scheduled instant (claims are made a little
 * ahead, so starts are on time), goes to its executor, and its result to the recorder. The number of executions
 * claimed and not yet finished is bounded by the node's capacity.
 */
@ApplicationScoped
public class ExecutionRunner {

    private static final Logger LOG = Logger.getLogger(ExecutionRunner.class.getName());

    @Resource
    ManagedThreadFactory threads;
    @Inject
    Instance<RunGuard> guards;
    @Inject
    InstantSource time;
    @Inject
    ExecutorRegistry executors;
    @Inject
    ExecutionRecorder recorder;
    @Inject
    CancelRequests cancels;
    @Inject
    Overlaps overlaps;
    @Inject
    Settings settings;
    @Inject
    NodeLease lease;
    @Inject
    Orphans orphans;
    @Inject
    Metrics metrics;
    @Inject
    SecretResolver secrets;
    @Inject
    RunTracer tracer;

    private int capacity;
    private final AtomicInteger reserved = new AtomicInteger();
    private ScheduledThreadPoolExecutor starter;
    /**
     * Stops runs: their job timeouts, and all of them once the node's lease is lost. Never waits on the database, so a
     * cut network cannot hold a stop back. Lives on while the node drains.
     */
    private ScheduledThreadPoolExecutor stopper;
    /** Looks at the rows running under this incarnation, and publishes live output: waits on the database. */
    private ScheduledThreadPoolExecutor looker;
    private final Map<Long, HeldRun> held = new ConcurrentHashMap<>();
    /** Runs ended here whose row may still say running: their result is on its way to the database. */
    private final Set<Long> ending = ConcurrentHashMap.newKeySet();
    /** Rows running under this incarnation that it did not hold at the last look. */
    private Set<Long> notHeldAtLastLook = Set.of();
    /**
     * Claims begun and ended (handed over), counted: between the two, a claim's rows may be running but not held yet.
     * Claims are made one at a time (under the clock's tick lock), so all those begun before a moment have ended once
     * as many have ended.
     */
    private final AtomicLong claimsBegun = new AtomicLong();
    private final AtomicLong claimsEnded = new AtomicLong();
    /** How many claims had begun when the last look sent its query. */
    private long claimsBegunAtLastLook;
    /** The look failed last time: a database outage is logged once, not every second. */
    private boolean lookFailed;
    private String node;
    private volatile Runnable onCapacityFreed = () -> { };

    /**
     * How often this node looks at the rows running under its incarnation: for cancel requests, for runs taken away
     * from it (stopped), and for rows it claimed but does not hold (orphaned).
     */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    /** How often a run due while its node is fenced looks again whether it may start. */
    static final Duration FENCED_START_RETRY = Duration.ofMillis(250);

    @PostConstruct
    void createStarter() {
        capacity = settings.workerCapacity();
        node = settings.nodeName();
        starter = new ScheduledThreadPoolExecutor(2, threads);
        starter.setRemoveOnCancelPolicy(true);
        stopper = new ScheduledThreadPoolExecutor(1, threads);
        stopper.setRemoveOnCancelPolicy(true);
        looker = new ScheduledThreadPoolExecutor(1, threads);
        every(LOOK_EVERY, this::stopAllOnceTheLeaseIsLost, stopper);
        every(LOOK_EVERY, this::lookAtOwnRows, looker);
        every(LIVE_OUTPUT_EVERY, this::publishRunningOutput, looker);
    }

    /** Runs {@code task} periodically on {@code thread} (a test runs it by hand instead). */
    protected void every(Duration period, Runnable task, ScheduledThreadPoolExecutor thread) {
        thread.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * How often the output of long runs goes to the database, where the page of a run reads it, whichever node serves
     * it; and how much of each stream (its end) goes there while the run goes on. The run's result writes it all.
     */
    static final Duration LIVE_OUTPUT_EVERY = Duration.ofSeconds(1);
    static final int LIVE_OUTPUT_BYTES = 64 * 1024;

    /**
     * How long before the end of the drain the runs still going are asked to end (SIGTERM to a shell's group), and
     * then how long they have before they are killed.
     */
    static final Duration STOP_RUNS_BEFORE_END = Duration.ofSeconds(3);
    static final Duration STOPPED_RUNS_GRACE = Duration.ofSeconds(1);

    /** Normally drained already by Clock.stop; whatever is still unfinished now will show as orphaned. */
    @PreDestroy
    void stopStarter() {
        int unfinished = reserved.get();
        if (unfinished > 0) {
            LOG.warning(() -> unfinished + " runs still unfinished when the node stopped: they will show as orphaned");
        }
        starter.shutdownNow();
        stopper.shutdownNow();
        looker.shutdownNow();
    }

    /**
     * Lets the runs this node has claimed start on their instant and finish, for at most {@code patience}; near its end
     * stops those still going, recorded failed ("node stopping") rather than orphaned at the next start. Returns how
     * many were still unfinished then.
     */
    public synchronized int drain(Duration patience) {
        starter.shutdown();
        Instant deadline = Instant.now().plus(patience);
        Duration stopBefore = patience.dividedBy(2);
        awaitRuns(deadline.minus(stopBefore.compareTo(STOP_RUNS_BEFORE_END) < 0 ? stopBefore : STOP_RUNS_BEFORE_END));
        if (reserved.get() > 0) {
            LOG.warning(() -> "Node stopping: stopping the " + held.size() + " runs still going");
            held.values().forEach(holding -> holding.stop(HeldRun.Stop.NODE_STOPPING, STOPPED_RUNS_GRACE));
            awaitRuns(deadline);
        }
        return reserved.get();
    }

    private void awaitRuns(Instant deadline) {
        while (reserved.get() > 0 && Instant.now().isBefore(deadline)) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runs claimed and not finished, held in this node's room. */
    public int reservedRuns() {
        return reserved.get();
    }

    public int capacity() {
        return capacity;
    }

    /** Reserves room for up to {@code wanted} runs; returns how many were reserved. */
    public int reserve(int wanted) {
        while (true) {
            int now = reserved.get();
            int granted = Math.min(wanted, capacity - now);
            if (granted <= 0) {
                return 0;
            }
            if (reserved.compareAndSet(now, now + granted)) {
                return granted;
            }
        }
    }

    /** Listeners hear of freed capacity once a quarter of it is free, to claim in batches rather than one by one. */
    public void release(int count) {
        int now = reserved.addAndGet(-count);
        if (capacity - now >= Math.max(1, capacity / 4)) {
            onCapacityFreed.run();
        }
    }

    public boolean full() {
        return reserved.get() >= capacity;
    }

    public void onCapacityFreed(Runnable listener) {
        this.onCapacityFreed = listener;
    }

    /** A claim begins: until {@link #claimEnds()}, rows running under this incarnation may not be held yet. */
    public void claimBegins() {
        claimsBegun.incrementAndGet();
    }

    /** The claim begun by {@link #claimBegins()} has handed its runs over (or failed). */
    public void claimEnds() {
        claimsEnded.incrementAndGet();
    }

    /** Starts the given runs, already reserved, each at its start instant. */
    public void submit(List<ClaimedRun> runs) {
        Instant now = time.instant();
        for (ClaimedRun run : runs) {
            HeldRun holding = new HeldRun(run, tracer.claimed(run.jobName(), run.executionId(), run.attempt(),
                    run.trigger().code(), run.target(), run.startAt(), now));
            held.put(run.executionId(), holding);
            long delayMicros = Math.max(0, Duration.between(now, run.startAt()).toNanos() / 1_000);
            startAt(run, () -> start(holding, 0), delayMicros);
        }
    }

    /** Starts the run after {@code delayMicros} (a test holds it instead, and starts it by hand). */
    protected void startAt(ClaimedRun run, Runnable start, long delayMicros) {
        starter.schedule(start, delayMicros, TimeUnit.MICROSECONDS);
    }

    /** The run is no longer held here: it ended, and its result goes to the recorder. Returns whether it was held. */
    protected boolean forget(long executionId) {
        if (held.remove(executionId) == null) {
            return false;
        }
        ending.add(executionId);
        return true;
    }

    /** Why the run held here was stopped, if it was (a cancel, its timeout, taken away, the node's lease lost). */
    public Optional<String> stoppedBecause(long executionId) {
        HeldRun holding = held.get(executionId);
        return holding == null ? Optional.empty() : holding.stoppedBy().map(HeldRun.Stop::error);
    }


    /**
     * Whatever goes wrong in a start (an {@link Error} too) ends the run failed and frees its room: the scheduled task
     * would swallow it, the run would stay held and its row running.
     */
    private void start(HeldRun holding, int checksTried) {
        Instant startedAt = time.instant();
        guarded(holding, startedAt, () -> begin(holding, startedAt, checksTried));
    }

    private void guarded(HeldRun holding, Instant startedAt, Runnable step) {
        try {
            step.run();
        } catch (Throwable e) {
            LOG.log(Level.SEVERE, "Execution " + holding.id() + " of " + holding.run.jobName() + " could not start", e);
            finish(holding, startedAt, ExecutionResult.failed("could not start: " + e), null);
        }
    }

    private void begin(HeldRun holding, Instant startedAt, int checksTried) {
        ClaimedRun run = holding.run;
        if (holding.stoppedBy().isEmpty() && !lease.startsAllowed() && !lease.lost()) {
            waitWhileFenced(holding, checksTried);
            return;
        }
        if (stoppedBeforeItStarted(holding, startedAt)) {
            return;
        }
        if (Overlaps.decidedTogether(run)) {
            forbidStarts.add(new PendingStart(holding, checksTried));
            return;
        }
        decided(holding, startedAt, checksTried, () -> refusal(run, startedAt));
    }

    /** A run waiting for its start decision, made with others. */
    private record PendingStart(HeldRun holding, int checksTried) {
    }

    /**
     * At most this many decisions in one transaction: on PostgreSQL each holds a lock of its job until the commit, and
     * those locks share a table of the server's (max_locks_per_transaction × connections).
     */
    static final int MOST_DECIDED_TOGETHER = 200;

    private final Batches<PendingStart> forbidStarts = new Batches<>(MOST_DECIDED_TOGETHER, this::decideTogether);

    /**
     * Decides the starts of the batch in one transaction, then lets each run go on, on the starter's threads. When they
     * could not be decided together: a fault that may pass is a check that failed, for each run (tried again later, as
     * any); another (one run's data?) has each run decided alone, so that it fails only its own run.
     */
    private void decideTogether(List<PendingStart> batch) {
        Instant startedAt = time.instant();
        Map<Long, Overlaps.Answer> answers;
        try {
            answers = overlaps.forbidAll(batch.stream().map(pending -> pending.holding().run).toList(), startedAt);
        } catch (Throwable e) {
            CheckFailed failed = new CheckFailed("its concurrency policy (forbid) could not be checked: " + e.getMessage(), e);
            boolean eachAlone = batch.size() > 1 && !SqlFaults.transientFault(failed);
            for (PendingStart pending : batch) {
                HeldRun holding = pending.holding();
                guarded(holding, startedAt, () -> decided(holding, startedAt, pending.checksTried(), eachAlone
                        ? () -> refusal(holding.run, startedAt)
                        : () -> {
                            throw failed;
                        }));
            }
            return;
        }
        for (PendingStart pending : batch) {
            HeldRun holding = pending.holding();
            Overlaps.Answer answer = answers.get(holding.id());
            onStarter(() -> guarded(holding, startedAt, () -> decided(holding, startedAt, pending.checksTried(),
                    () -> answer.refusal().map(why -> new Refusal(SkipReason.CONCURRENCY, why)))));
        }
    }

    /**
     * The rest of a start decided together goes back to the starter's threads, so that both call the executors while
     * this one decides the next batch; here, once the starter no longer takes work (the node drains).
     */
    private void onStarter(Runnable step) {
        try {
            starter.execute(step);
        } catch (RejectedExecutionException draining) {
            step.run();
        }
    }

    /** Goes on with the run once its start checks ({@code checks}) have answered: refused, waits, or starts. */
    private void decided(HeldRun holding, Instant startedAt, int checksTried, Supplier<Optional<Refusal>> checks) {
        ClaimedRun run = holding.run;
        Optional<Refusal> refusal;
        try {
            refusal = checks.get();
        } catch (CheckFailed e) {
            if (!(SqlFaults.transientFault(e) && checkAgainLater(holding, checksTried))) {
                LOG.warning(() -> "Execution " + run.executionId() + " of " + run.jobName() + " failed: " + e.getMessage());
                finish(holding, startedAt, ExecutionResult.failed(e.getMessage()), null);
            }
            return;
        } catch (NoSlotYet e) {
            waitForSlot(holding, checksTried);
            return;
        }
        if (refusal.isPresent()) {
            metrics.runSkipped(refusal.get().reason());
            finish(holding, startedAt, ExecutionResult.skipped(refusal.get().why()), null);
            return;
        }
        if (stoppedBeforeItStarted(holding, startedAt)) {
            return; // the checks waited on the database: meanwhile the node may have been fenced, or the run stopped
        }
        recorder.started(run.executionId(), startedAt);
        metrics.runStarted(Duration.between(run.startAt(), startedAt));
        holding.startedAt(startedAt);
        stopAtJobTimeout(holding);
        CompletableFuture<ExecutionResult> result;
        try {
            result = executorOf(run)
                    .map(executor -> executor.execute(request(holding)).toCompletableFuture())
                    .orElseGet(() -> CompletableFuture.completedFuture(
                            ExecutionResult.failed("executor \"" + run.spec().executor() + "\" is not available on this node")));
        } catch (SecretUnavailable e) {
            result = CompletableFuture.completedFuture(ExecutionResult.failed(e.getMessage()));
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(ExecutionResult.failed("executor error: " + e));
        }
        result.whenComplete((r, failure) -> finish(holding, startedAt, r, failure));
    }

    /** A run stopped, or due on a node that may not start runs now, ends without starting; returns whether it did. */
    private boolean stoppedBeforeItStarted(HeldRun holding, Instant startedAt) {
        if (lease.lost()) {
            holding.stop(HeldRun.Stop.LEASE_LOST);
        }
        if (holding.stoppedBy().isEmpty() && lease.startsAllowed()) {
            return false;
        }
        finish(holding, startedAt, ExecutionResult.failed("stopped before it started"), null);
        return true;
    }

    /**
     * A check the database could not answer (a lost connection, a timeout) is made again a little later, on the
     * starter's timer, so no thread waits meanwhile; returns whether it will be. Past {@link #CHECK_RETRY_DELAYS}, or
     * once the node is stopping, the run fails (retried by the job's policy) rather than being skipped: it was not
     * refused, it could not be decided.
     */
    private boolean checkAgainLater(HeldRun holding, int checksTried) {
        if (checksTried >= CHECK_RETRY_DELAYS.size()) {
            return false;
        }
        try {
            starter.schedule(() -> start(holding, checksTried + 1), CHECK_RETRY_DELAYS.get(checksTried).toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    /** The waits before each new try of a start check that failed on a transient database error. */
    static final List<Duration> CHECK_RETRY_DELAYS = List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));

    /** The job's own timeout ("" or 0 for none), on top of the executor's: every executor is stopped by it. */
    private void stopAtJobTimeout(HeldRun holding) {
        String timeout = holding.run.spec().timeout();
        if (timeout == null || timeout.isBlank()) {
            return;
        }
        Duration limit;
        try {
            limit = GoDuration.parse(timeout);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Job " + holding.run.jobName() + " has a timeout that does not parse (" + timeout + "): ignored");
            return;
        }
        if (limit.isZero()) {
            return; // "0s" is no limit, as an empty timeout
        }
        holding.timeoutAt(stopper.schedule(() -> holding.stop(HeldRun.Stop.timeout(timeout)),
                limit.toNanos(), TimeUnit.NANOSECONDS));
    }

    /**
     * A run against a target beyond its job's limit of targets at once waits, held (its room on this node kept), and
     * asks again a little later; a cancel, or its node stopping, ends the wait.
     */
    private void waitForSlot(HeldRun holding, int checksTried) {
        try {
            startAt(holding.run, () -> start(holding, checksTried), SLOT_RETRY.toNanos() / 1_000);
        } catch (RejectedExecutionException stopping) {
            finish(holding, time.instant(), ExecutionResult.failed("stopped before it started"), null);
        }
    }

    /** How often a run waiting for a slot among its job's targets asks again. */
    static final Duration SLOT_RETRY = Duration.ofMillis(500);

    /** A run due while the node is fenced waits, held, until it may start or its node's lease is lost. */
    private void waitWhileFenced(HeldRun holding, int checksTried) {
        try {
            startAt(holding.run, () -> start(holding, checksTried), FENCED_START_RETRY.toNanos() / 1_000);
        } catch (RejectedExecutionException stopping) {
            holding.stop(HeldRun.Stop.LEASE_LOST);
            finish(holding, time.instant(), ExecutionResult.failed("stopped before it started"), null);
        }
    }

    /**
     * One look at the rows running under this incarnation (one query by node name, through its index, every second):
     * held runs whose cancellation was asked for are stopped; held runs missing from the answer were taken away
     * (orphaned by another node while this one was cut off) and are stopped, their result written nowhere; rows not
     * held on two looks in a row, once the claims begun before the first have handed their runs over, were claimed by a
     * commit whose answer was lost, or left by a start that died: they are orphaned at once, so that nothing stays
     * running while its node lives. A node whose lease is lost stops everything it runs.
     */
    public void lookAtOwnRows() {
        try {
            lease.fencing();
            if (lease.lost()) {
                stopAll();
                if (lease.refusal().isPresent()) {
                    return;
                }
            }
            long sent = lease.sending();
            Set<Long> heldBefore = Set.copyOf(held.keySet());
            Set<Long> endingBefore = Set.copyOf(ending);
            List<CancelRequests.Held> rows = cancels.runningOn(node, lease.incarnation());
            // read once the answer is here: every claim whose rows it shows had begun by then
            long begun = claimsBegun.get();
            lease.looked(sent);
            Set<Long> running = new HashSet<>();
            for (CancelRequests.Held row : rows) {
                running.add(row.executionId());
                HeldRun holding = held.get(row.executionId());
                if (row.cancelRequested() && holding != null && holding.stop(HeldRun.Stop.CANCEL)) {
                    LOG.info(() -> "Execution " + row.executionId() + " of " + holding.run.jobName()
                            + " stopped: cancelled by request");
                }
            }
            for (long id : heldBefore) {
                HeldRun holding = held.get(id);
                if (!running.contains(id) && holding != null && holding.stop(HeldRun.Stop.TAKEN_AWAY)) {
                    LOG.warning(() -> "Execution " + id + " of " + holding.run.jobName() + " stopped: taken away from this "
                            + "node (its row is no longer running here: orphaned by another node, or deleted)");
                }
            }
            // only what ended before the question was sent: a run that ended while it was on its way (claimed after
            // the answer's snapshot) is not in the answer, and its result may still be on its way to the database
            ending.removeIf(id -> endingBefore.contains(id) && !running.contains(id));
            // read before the runs held: a claim counted as ended has handed its runs over
            boolean claimsOfLastLookEnded = claimsEnded.get() >= claimsBegunAtLastLook;
            Set<Long> notHeld = new HashSet<>(running);
            notHeld.removeAll(held.keySet());
            notHeld.removeAll(ending);
            Set<Long> confirmed = new HashSet<>(notHeld);
            confirmed.retainAll(claimsOfLastLookEnded ? notHeldAtLastLook : Set.of());
            notHeld.removeAll(confirmed);
            notHeldAtLastLook = notHeld;
            claimsBegunAtLastLook = begun;
            int orphaned = orphans.declareNotHeld(lease.incarnation(), confirmed, time.instant());
            if (orphaned > 0) {
                LOG.warning(() -> orphaned + " executions were running under this node but not held by it (a claim whose "
                        + "answer was lost, or a start that failed): marked orphaned");
            }
            lookFailed = false;
        } catch (Throwable e) { // an Error would end this periodic task for good
            LOG.log(lookFailed ? Level.FINE : Level.WARNING, "Could not look at this node's running executions (not logged again "
                    + "until a look succeeds): " + e.getMessage(), e);
            lookFailed = true;
        }
    }

    /** The lease is watched apart from the look, which may wait on the database for as long as the network is cut. */
    private void stopAllOnceTheLeaseIsLost() {
        try {
            if (lease.lost()) {
                stopAll();
            }
        } catch (Throwable e) { // an Error would end this periodic task for good
            LOG.log(Level.WARNING, "Could not stop the runs of a node whose lease is lost: " + e.getMessage(), e);
        }
    }

    private void stopAll() {
        int stopped = (int) held.values().stream().filter(holding -> holding.stop(HeldRun.Stop.LEASE_LOST)).count();
        if (stopped > 0) {
            LOG.warning(() -> "Node lost its lease (" + lease.refusal().orElse("no successful heartbeat for "
                    + NodeLease.LENGTH.toSeconds() + " s") + "): " + stopped + " runs stopped; their results are written "
                    + "only where the rows are still this node's");
        }
    }

    /**
     * Hands the recorder the output of the runs started long enough ago that their start is written (short runs never
     * get here: their result carries their output), only when it changed since the last look.
     */
    private void publishRunningOutput() {
        if (held.isEmpty()) {
            return;
        }
        try {
            Instant startedBefore = time.instant().minus(ExecutionRecorder.START_WRITE_DELAY);
            for (HeldRun holding : held.values()) {
                if (holding.runningSince(startedBefore)) {
                    holding.output.changed(LIVE_OUTPUT_BYTES).ifPresent(tail -> recorder.output(holding.id(), holding.shown(tail)));
                }
            }
        } catch (Throwable e) { // an Error would end this periodic task for good
            LOG.log(Level.WARNING, "Could not publish the output of running executions: " + e.getMessage(), e);
        }
    }

    /**
     * Why the run must not start: its gates, then its job's concurrency policy (a run the gates refuse must not have
     * stopped the job's running ones, concurrency replace). Throws {@link CheckFailed} when a check could not be made.
     */
    private Optional<Refusal> refusal(ClaimedRun run, Instant startedAt) {
        Optional<String> gate = run.spec().gated()
                ? checked("its gates", () -> guards.stream().map(guard -> guard.refusal(run)).flatMap(Optional::stream).findFirst())
                : Optional.empty();
        if (gate.isPresent()) {
            return Optional.of(new Refusal(SkipReason.GATE, gate.get()));
        }
        int targetsAtOnce = run.target().isEmpty() ? 0 : executorOf(run).map(e -> e.targetsAtOnce(configOf(run))).orElse(0);
        if (run.exclusive() || targetsAtOnce > 0) {
            Overlaps.Answer answer = checked("its concurrency policy (" + run.concurrency().code() + ")",
                    () -> overlaps.decide(run, startedAt, targetsAtOnce));
            if (answer.waits()) {
                throw new NoSlotYet();
            }
            return answer.refusal().map(why -> new Refusal(SkipReason.CONCURRENCY, why));
        }
        return Optional.empty();
    }

    /** Why a run is skipped, and the reason it is counted under. */
    private record Refusal(SkipReason reason, String why) {
    }

    private static Map<String, String> configOf(ClaimedRun run) {
        return run.spec().executorConfig() == null ? Map.of() : run.spec().executorConfig();
    }

    /** Its job's limit of targets at once is reached: the run waits for a slot. */
    private static final class NoSlotYet extends RuntimeException {
        NoSlotYet() {
            super(null, null, false, false);
        }
    }

    private static <T> T checked(String what, Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            throw new CheckFailed(what + " could not be checked: " + e.getMessage(), e);
        }
    }

    /** A start check that could not be made: the run neither starts nor is refused. */
    private static final class CheckFailed extends RuntimeException {
        CheckFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private java.util.Optional<JobExecutor> executorOf(ClaimedRun run) {
        return executors.named(run.spec().executor());
    }

    /**
     * The run's identity carries the id the API shows once it has started, and its scheduled instant (its startAt). Its
     * config has the secrets' values in place of their references: this copy goes to the executor only.
     */
    private ExecutionRequest request(HeldRun holding) {
        ClaimedRun run = holding.run;
        Map<String, String> config = executorOf(run).map(e -> e.configFor(configOf(run), run.target())).orElse(configOf(run));
        ResolvedConfig resolved = secrets.resolved(run.spec().executor(), config);
        holding.mask(resolved.mask());
        String executionId = ApiExecutionId.of(holding.startedAt(), node);
        holding.trace.started(holding.startedAt(), executionId);
        RunIdentity identity = new RunIdentity(executionId, run.startAt(), run.attempt(), node, holding.trace.traceparent());
        return new ExecutionRequest(run.executionId(), run.jobName(), run.attempt(), resolved.config(), holding.signal,
                holding.output, identity, run.target());
    }

    private void finish(HeldRun holding, Instant startedAt, ExecutionResult result, Throwable failure) {
        ClaimedRun run = holding.run;
        if (!forget(run.executionId())) {
            return; // ended already: a start that failed after its executor was called, and the executor's own end
        }
        try {
            ExecutionResult outcome = failure == null ? result : ExecutionResult.failed("executor error: " + failure);
            Optional<HeldRun.Stop> stop = holding.ended();
            ExecutionStatus status = stop.map(HeldRun.Stop::status).orElseGet(() -> statusOf(outcome));
            ExecutionResult recorded = stop.map(s -> new ExecutionResult(outcome.outcome(), outcome.exitCode(), outcome.stdout(),
                    outcome.stderr(), outcome.outputTruncated(), s.error())).orElse(outcome);
            Instant endedAt = time.instant();
            recorder.finished(run, status, startedAt, endedAt, holding.shown(recorded));
            holding.trace.finished(endedAt, status.code(), endedInError(status));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not record the end of execution " + run.executionId(), e);
        } finally {
            release(1);
        }
    }

    /** A run that failed, timed out or was taken away is an error in its trace; skipped and cancelled are not. */
    private static boolean endedInError(ExecutionStatus status) {
        return status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT || status == ExecutionStatus.ORPHANED;
    }

    private static ExecutionStatus statusOf(ExecutionResult result) {
        return switch (result.outcome()) {
            case SUCCEEDED -> ExecutionStatus.SUCCEEDED;
            case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
            case SKIPPED -> ExecutionStatus.SKIPPED;
            case FAILED -> ExecutionStatus.FAILED;
        };
    }
}
