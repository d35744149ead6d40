package io.pendule.clock.control;

import io.pendule.executions.entity.Execution;
import io.pendule.security.control.AuditWriter;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import io.pendule.cluster.control.ClusterSettings;
import io.pendule.cluster.control.Members;
import io.pendule.platform.Settings;
import io.pendule.tracing.control.RunTracer;
import io.pendule.cluster.control.NodeHeartbeat;
import io.pendule.database.control.Jdbc;
import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionIds;
import io.pendule.executions.control.FanOut;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.control.DayCounts;
import io.pendule.executions.control.ExecutionRecorder;
import io.pendule.executions.control.NodeLease;
import io.pendule.executions.control.Orphans;
import io.pendule.executions.control.Overlaps;
import io.pendule.executions.control.Retries;
import io.pendule.executions.control.RunGuard;
import io.pendule.executions.control.RunOutcomes;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.Trigger;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.control.Schedules;
import io.pendule.workflows.control.Gates;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One worker node on the shared database: the real clock, claims, start checks, recorder, queue, heartbeat and
 * orphan finder, wired by hand; the container's timer, threads and executor are small synchronous stand-ins. The
 * runs it claims are held (no executor runs them): the test starts them, and says how each ended.
 *
 * <p>Every call into the production classes is made in the fixture (here, {@link ClockFixture} and their helpers
 * {@link HeldRuns}, {@link HandWiring}), so that a change of their shape is met there and the tests, which speak of
 * jobs, ticks and runs, stay as they are. A bean that needs a new one fails the wiring with the field's name.
 */
final class ClockNode implements AutoCloseable {

    private static final Duration FLUSH_PATIENCE = Duration.ofSeconds(5);

    /** Who asks for runs now and pauses, as the API would pass them: an admin, recorded in the audit log. */
    static final Identity CALLER = Identity.user("clock-test", Role.ADMIN);

    final String name;
    private final SettableTime time;
    private final HandWiring beans = new HandWiring();
    private final Clock clock;
    private final HeldRuns runner;
    private final ExecutionRecorder recorder;
    private final Overlaps overlaps;
    private final ExecutionQueue queue;
    private final CancelRequests cancels;
    private final SchedulerSwitch scheduler;
    private final NodeHeartbeat heartbeat;
    private final SettableLease lease;
    private final WatchedDatabase watched;
    private volatile boolean paused;
    private volatile boolean closed;
    private final Map<Long, Instant> startedAt = new ConcurrentHashMap<>();
    private volatile Instant clockWakesAt;

    ClockNode(String name, Map<String, String> settings, DataSource database, SettableTime time,
              SettableDatabaseClock databaseClock) {
        this.name = name;
        this.time = time;
        watched = new WatchedDatabase(database);
        beans.add(watched.dataSource());
        beans.add(Settings.of(settings));
        beans.add(time);
        lease = beans.add(new SettableLease(time));
        beans.add(databaseClock);
        beans.add(timers());
        beans.add(threads());
        beans.add(inline());
        beans.add(new io.pendule.metrics.control.Metrics());
        beans.add(new Jdbc());
        beans.add(new AuditWriter());
        beans.add(new ScheduleParser());
        beans.add(new Schedules());
        beans.add(new ExecutionIds());
        beans.add(new ExecutorRegistry());
        beans.add(new FanOut());
        beans.add(new TargetsExecutor());
        beans.add(new SecretResolver());
        beans.add(new RunTracer());
        beans.add(new RunOutcomes());
        beans.add(new Retries());
        beans.add(new DayCounts());
        beans.add(new Gates());
        overlaps = beans.add(new Overlaps());
        cancels = beans.add(new CancelRequests());
        recorder = beans.add(new ExecutionRecorder());
        runner = beans.add(new HeldRuns());
        beans.add(new Orphans());
        queue = beans.add(new ExecutionQueue());
        beans.add(new ClusterSettings());
        scheduler = beans.add(new SchedulerSwitch());
        beans.add(new DueFires());
        beans.add(new QueuedRuns());
        beans.add(new Members());
        beans.add(new UnservedFires());
        heartbeat = beans.add(new NodeHeartbeat() {
            @Override
            protected void startThreads() {
                // the test beats by hand (heartbeat()), and the beat judges the other nodes at once
            }
        });
        clock = beans.add(new Clock());
        beans.wire();
        beans.construct();
    }

    /**
     * One tick of this node's clock, as its timer would run it: fire the due jobs and claim the queued runs it may
     * run, within its capacity. Returns the ids of the runs it claimed. A tick that failed fails the test.
     */
    List<Long> tick() {
        return tick(false);
    }

    /**
     * A tick whose firing claim loses the answer to its COMMIT (the database committed it): returns the runs it handed
     * over.
     */
    List<Long> tickLosingTheCommitAnswer() {
        watched.loseNextCommitAnswerAfter("INSERT INTO execution ");
        return tick(true);
    }

    /** The statements this node prepared since the last call. */
    List<String> statements() {
        return watched.statementsSinceLastLook();
    }

    private List<Long> tick(boolean failureExpected) {
        List<LogRecord> failures = new ArrayList<>();
        Handler catcher = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    failures.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(Clock.class.getName());
        log.addHandler(catcher);
        try {
            beans.call(clock, Timeout.class);
        } finally {
            log.removeHandler(catcher);
        }
        if (!failures.isEmpty() && !failureExpected) {
            throw new AssertionError("the tick of node " + name + " failed: " + failures.get(0).getMessage(),
                    failures.get(0).getThrown());
        }
        return runner.handedSinceLastLook();
    }

    /** One tick as the timer runs it, whether it fails or not (a failed tick logs and tries again): the runs it claimed. */
    List<Long> tickThroughFaults() {
        beans.call(clock, Timeout.class);
        return runner.handedSinceLastLook();
    }

    /**
     * The runs start now and succeed at once, without start checks, recorded as the runner records them (in the
     * recorder's batches); returns whether all is written within {@code patience}.
     */
    boolean runAndSucceed(List<Long> executionIds, Duration patience) {
        Instant now = time.instant();
        for (long id : executionIds) {
            ClaimedRun run = runner.take(id);
            recorder.started(id, now);
            recorder.finished(run, ExecutionStatus.SUCCEEDED, now, now, new ExecutionResult(Outcome.SUCCEEDED, 0, "", "", false, null));
            runner.release(1);
        }
        return recorder.flush(patience);
    }

    /** One tick that must claim exactly one run: its id. */
    long tickClaimingOne() {
        List<Long> claimed = tick();
        if (claimed.size() != 1) {
            throw new AssertionError("node " + name + " claimed " + claimed + ", not one run");
        }
        return claimed.get(0);
    }

    /** When this node's clock will tick next, as it armed its timer. */
    Instant clockWakesAt() {
        return clockWakesAt;
    }

    /**
     * The claimed run starts now, as the runner starts it: its gates, then its job's concurrency policy decide; a run
     * they refuse is recorded skipped with the reason. Returns whether it started.
     */
    boolean start(long executionId) {
        ClaimedRun run = runner.peek(executionId);
        Instant now = time.instant();
        if (runner.stoppedBecause(executionId).isPresent() || !lease.startsAllowed()) {
            return false; // as the runner: a stopped run never starts; a fenced node's runs wait
        }
        if (Overlaps.decidedTogether(run)) {
            return startTogether(executionId).get(executionId);
        }
        Optional<String> refusal = run.spec().gated() ? gateRefusal(run) : Optional.empty();
        int targetsAtOnce = run.target().isEmpty() ? 0 : beans.all(ExecutorRegistry.class).get(0)
                .named(run.spec().executor()).map(e -> e.targetsAtOnce(run.spec().executorConfig())).orElse(0);
        if (refusal.isEmpty() && (run.exclusive() || targetsAtOnce > 0)) {
            Overlaps.Answer answer = overlaps.decide(run, now, targetsAtOnce);
            if (answer.waits()) {
                return false; // as the runner: it waits for a slot, held, and asks again later
            }
            refusal = answer.refusal();
        }
        return startedUnless(executionId, refusal, now);
    }

    /**
     * The claimed runs of forbid jobs (see {@link Overlaps#decidedTogether}) start now, decided together as the runner
     * decides the runs due at the same moment; returns, by execution id, whether each started.
     */
    Map<Long, Boolean> startTogether(long... executionIds) {
        Instant now = time.instant();
        List<ClaimedRun> runs = Arrays.stream(executionIds).mapToObj(runner::peek).toList();
        Map<Long, Overlaps.Answer> answers = overlaps.forbidAll(runs, now);
        Map<Long, Boolean> started = new LinkedHashMap<>();
        for (long id : executionIds) {
            started.put(id, startedUnless(id, answers.get(id).refusal(), now));
        }
        return started;
    }

    private boolean startedUnless(long executionId, Optional<String> refusal, Instant now) {
        if (refusal.isPresent()) {
            end(executionId, ExecutionStatus.SKIPPED, now, ExecutionResult.skipped(refusal.get()));
            return false;
        }
        recorder.started(executionId, now);
        startedAt.put(executionId, now);
        written();
        return true;
    }

    private Optional<String> gateRefusal(ClaimedRun run) {
        return beans.all(RunGuard.class).stream().map(guard -> guard.refusal(run)).flatMap(Optional::stream).findFirst();
    }

    /** The started run ended now with exit status 0. */
    void succeed(long executionId) {
        end(executionId, ExecutionStatus.SUCCEEDED, started(executionId),
                new ExecutionResult(Outcome.SUCCEEDED, 0, "", "", false, null));
    }

    /** The started run ended now with exit status 0, having printed {@code stdout}. */
    void succeed(long executionId, String stdout) {
        end(executionId, ExecutionStatus.SUCCEEDED, started(executionId),
                new ExecutionResult(Outcome.SUCCEEDED, 0, stdout, "", false, null));
    }

    /** The claimed run, no longer held here: for another runner to start (see RunnerNode). */
    ClaimedRun handOver(long executionId) {
        ClaimedRun run = runner.take(executionId);
        runner.release(1);
        return run;
    }

    /** The started run ended; its result is on its way to the database (the recorder has a backlog), not written yet. */
    void endsWithItsResultOnItsWay(long executionId) {
        runner.take(executionId);
        startedAt.remove(executionId);
    }

    /** The started run ended now with exit status 1 and this error. */
    void fail(long executionId, String error) {
        end(executionId, ExecutionStatus.FAILED, started(executionId),
                new ExecutionResult(Outcome.FAILED, 1, "", "", false, error));
    }

    private Instant started(long executionId) {
        Instant at = startedAt.remove(executionId);
        if (at == null) {
            throw new IllegalStateException("execution " + executionId + " was not started on node " + name);
        }
        return at;
    }

    private void end(long executionId, ExecutionStatus status, Instant startedAt, ExecutionResult result) {
        ClaimedRun run = runner.take(executionId);
        recorder.finished(run, status, startedAt, time.instant(), result);
        runner.release(1);
        written();
    }

    private void written() {
        if (!recorder.flush(FLUSH_PATIENCE)) {
            throw new AssertionError("node " + name + " could not record its runs within " + FLUSH_PATIENCE);
        }
    }

    /** Run now, claimed by this node's next tick and started: returns the execution's id. */
    long runNowAndStart(String job) {
        long id = runNow(job);
        tick();
        start(id);
        return id;
    }

    /** Run now, as POST /v1/jobs/{job} asks this node: returns the queued execution's id. */
    long runNow(String job) {
        return queue.queue(job, Trigger.API, null, CALLER);
    }

    /** Run now against these of the run's targets only, as the matrix's re-run asks this node. */
    long runNowAgainst(String job, Set<String> targets) {
        return queue.queue(job, Trigger.API, null, CALLER, targets);
    }

    /** Run now beside the job's policy: {@code ?concurrency=allow}, {@code forbid} or {@code replace}. */
    long runNow(String job, String concurrency) {
        return queue.queue(job, Trigger.API, Concurrency.ofCode(concurrency).orElseThrow(), CALLER);
    }

    /** Cancels the execution, as POST /v1/jobs/{job}/executions/{id}/cancel asks this node. */
    CancelRequests.Answer cancel(String job, long id) {
        return cancels.cancel(new Execution(id, job, id, 1, "api", "queued", time.instant(), null, null, null, null, null,
                null), CALLER);
    }

    /** Dkron's leave, as POST /v1/leave asks this node. */
    void leave() {
        heartbeat.leave(CALLER);
    }

    /** This node's heartbeat, as its schedule runs it: renews its runs' lease and orphans the runs nobody renews. */
    void heartbeat() {
        heartbeat.heartbeat();
    }

    /** Heartbeats, as every 5 s, and looks at its running rows (every second in fact), unless paused or gone. */
    void heartbeatIfAlive() {
        if (!paused && !closed) {
            heartbeat();
            runner.lookAtOwnRows();
        }
    }

    /** The node's process is paused (SIGSTOP, a long GC, cut off): no heartbeat, no tick, no look until resumed. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    /** The runner's look at this node's running rows, as it runs every second. */
    void look() {
        runner.lookAtOwnRows();
    }

    /** A claim of this node's clock is under way (between its transaction and its hand-over) until {@link #claimEnds()}. */
    void claimBegins() {
        runner.claimBegins();
    }

    void claimEnds() {
        runner.claimEnds();
    }

    /** Why the runner stopped the run it holds, if it did. */
    Optional<String> stoppedBecause(long executionId) {
        return runner.stoppedBecause(executionId);
    }

    /** Whether the node is fenced: no claim, no start. */
    boolean fenced() {
        return lease.fenced();
    }

    /** Why the node's name was refused, if it was. */
    Optional<String> refusal() {
        return lease.refusal();
    }

    String incarnation() {
        return lease.incarnation();
    }

    /** This node's lease, shared by its runner's process (RunnerNode). */
    NodeLease lease() {
        return lease;
    }

    /** This node's clock minus the database's, as measured at its last heartbeat. */
    java.time.Duration skew() {
        return lease.skew();
    }

    /** The runs of this node that were asked to stop (it stops them within a second). */
    List<Long> askedToStop() {
        return cancels.runningOn(name, lease.incarnation()).stream().filter(CancelRequests.Held::cancelRequested)
                .map(CancelRequests.Held::executionId).toList();
    }

    void pauseScheduler() {
        scheduler.pause(true, CALLER);
    }

    void resumeScheduler() {
        scheduler.pause(false, CALLER);
    }

    /** The node stops (SIGTERM) once its runs are drained: it lets its name go, and is gone. */
    void stopGracefully() {
        heartbeat.release();
        close();
    }

    /**
     * The node goes away without a word (kill -9): its threads stop, nothing it held is recorded. Its clock's own stop
     * is not called: it would wait for the runs this node holds, as a graceful stop does.
     */
    @Override
    public void close() {
        closed = true;
        beans.destroy(bean -> !(bean instanceof Clock) && !(bean instanceof NodeHeartbeat));
    }

    private TimerService timers() {
        Timer armed = HandWiring.standIn(Timer.class, Map.of("cancel", args -> {
            clockWakesAt = null;
            return null;
        }));
        return HandWiring.standIn(TimerService.class, Map.of("createSingleActionTimer", args -> {
            clockWakesAt = time.instant().plusMillis((Long) args[0]);
            return armed;
        }));
    }

    static ManagedThreadFactory threads() {
        return HandWiring.standIn(ManagedThreadFactory.class, Map.of("newThread", args -> {
            Thread thread = new Thread((Runnable) args[0]);
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Runs what it is given at once, on the caller's thread. */
    static ManagedExecutorService inline() {
        return HandWiring.standIn(ManagedExecutorService.class, Map.of("execute", args -> {
            ((Runnable) args[0]).run();
            return null;
        }));
    }
}
