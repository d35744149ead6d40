package io.pendule.clock.control;

import io.pendule.cluster.entity.NodeLeaving;
import io.pendule.executions.control.ExecutionRecorder;
import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionRunner;
import io.pendule.executions.control.NodeLease;
import io.pendule.executions.entity.ClaimedRun;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RunQueued;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The clock of a worker node: one non-persistent EJB timer, armed for the earliest thing due (a job's next fire
 * or a queued execution), at most {@link #MAX_SLEEP} away so that work queued by other nodes is seen. When it
 * wakes it fires due jobs and claims queued executions, a little ahead of time ({@link #LOOKAHEAD}) so that
 * runs start on the instant. Saving a job wakes it at once. While the cluster's scheduler is paused
 * ({@link SchedulerSwitch}) it looks at the setting once a second and does nothing else.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class Clock {

    private static final Logger LOG = Logger.getLogger(Clock.class.getName());
    static final Duration LOOKAHEAD = Duration.ofSeconds(1);
    static final Duration MAX_SLEEP = Duration.ofSeconds(1);
    static final int BATCH = 500;
    static final int MAX_BATCHES_PER_TICK = 40;

    private static final String EARLIEST_FIRE = "SELECT MIN(next_fire_at) FROM job";
    /** Queued runs already due were offered to this node by this tick; those left wait for another node or for capacity. */
    private static final String EARLIEST_QUEUED = "SELECT MIN(not_before) FROM execution WHERE status = "
            + ExecutionStatus.QUEUED.literal() + " AND not_before > ?";
    /** Due fires left after a tick are locked by another node's clock: look again soon, not in a busy loop. */
    static final Duration CONTENDED_RETRY = Duration.ofMillis(20);

    @Resource
    TimerService timers;
    @Inject
    DueFires dueFires;
    @Inject
    InstantSource time;
    @Inject
    QueuedRuns queuedRuns;
    @Inject
    ExecutionRunner runner;
    @Inject
    ExecutionRecorder recorder;
    @Inject
    Jdbc jdbc;
    @Inject
    SchedulerSwitch scheduler;
    @Inject
    UnservedFires unserved;
    @Inject
    Settings settings;
    @Inject
    NodeLease lease;
    @Inject
    CancelRequests running;

    private boolean worker;
    private int queueAhead;
    private Timer armed;
    private volatile boolean stopping;
    private final Object tickInProgress = new Object();
    private Instant armedFor = Instant.MAX;
    /** When the last tick ended, well or not: liveness (clock.boundary.ClockLiveness). */
    private volatile Instant lastTick;

    @PostConstruct
    void start() {
        worker = settings.hasRole("worker");
        queueAhead = settings.workerQueueAhead();
        if (worker) {
            runner.onCapacityFreed(this::wakeUpIfStarved);
            lastTick = time.instant();
            arm(time.instant());
            LOG.info(() -> "Clock started on node " + settings.nodeName());
        } else {
            LOG.info("This node has no worker role: its clock stays off");
        }
    }

    /**
     * A node that stops (SIGTERM, undeploy) claims nothing more, lets the runs it has claimed start on their instant
     * and finish, stops those still going near the end of its grace (PENDULE_STOP_GRACE, 25 s: four fifths to
     * drain, one to record), and records them, so that a restart finds no orphaned execution. Called when the
     * web application stops (platform.GracefulStop): at the singleton's own destruction the pool is already gone.
     */
    @PreDestroy
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            if (armed != null) {
                try {
                    armed.cancel();
                } catch (RuntimeException alreadyGone) {
                    // fired or cancelled meanwhile
                }
            }
        }
        synchronized (tickInProgress) {
            // a tick that had started hands its claims to the runner before the node goes on stopping
        }
        if (worker) {
            Duration grace = settings.stopGrace();
            Duration flush = grace.dividedBy(5);
            int unfinished = runner.drain(grace.minus(flush));
            boolean recorded = recorder.flush(flush);
            LOG.info(() -> "Node " + settings.nodeName() + " stopped claiming; " + unfinished + " runs unfinished, results "
                    + (recorded ? "all recorded" : "NOT all recorded: they will show as orphaned"));
        }
    }

    /** A run was queued by this node: look again now. */
    public void onRunQueued(@Observes RunQueued queued) {
        wakeUp();
    }

    /** Dkron's leave: stop as a graceful stop does, before the node is marked left. */
    public void onNodeLeaving(@Observes NodeLeaving leaving) {
        stop();
    }

    /** Look again now. */
    public void wakeUp() {
        wakeUpFor(time.instant());
    }

    /** A job was saved that is due at {@code due}: make sure the clock is awake in time, without a tick per save. */
    public void wakeUpFor(Instant due) {
        if (worker && due != null) {
            arm(due.minus(LOOKAHEAD));
        }
    }

    private volatile boolean starved;

    private void wakeUpIfStarved() {
        if (starved) {
            starved = false;
            wakeUp();
        }
    }

    @Timeout
    void tick() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            armed = null;
            armedFor = Instant.MAX;
        }
        Instant wakeAt;
        synchronized (tickInProgress) {
            if (stopping) {
                // stop() began between the check above and this lock: its drain must not meet new claims
                return;
            }
            try {
                wakeAt = fireAndClaim();
            } catch (Throwable e) { // an Error too: the timer must be armed again, or this node's clock stops for good
                LOG.log(e instanceof Error ? Level.SEVERE : Level.WARNING, "Clock tick failed, trying again in "
                        + MAX_SLEEP.toMillis() + " ms: " + e.getMessage(), e);
                wakeAt = time.instant().plus(MAX_SLEEP);
            }
        }
        lastTick = time.instant();
        arm(wakeAt);
    }

    /** When this node's clock last ticked; empty when it does not tick: not a worker, or stopping. */
    public Optional<Instant> lastTick() {
        return worker && !stopping ? Optional.ofNullable(lastTick) : Optional.empty();
    }

    /**
     * One tick, in batches while they come full: reserve room on the runner, claim the queued runs, fire the due jobs
     * (queueing those beyond the room, up to the queue's bound), hand the runs claimed to the runner, give back the room
     * not used; returns when to look again.
     */
    private Instant fireAndClaim() {
        if (lease.fenced() || scheduler.paused()) {
            return time.instant().plus(MAX_SLEEP);
        }
        boolean more = true;
        for (int batch = 0; more && batch < MAX_BATCHES_PER_TICK; batch++) {
            Instant horizon = time.instant().plus(LOOKAHEAD);
            // the queue first: its runs were due first, and claiming one is cheaper than firing a job
            Claims queued = claim((room, attempted) -> queuedRuns.claim(horizon, room, attempted));
            Claims fired = claim((room, attempted) -> {
                int ahead = room == BATCH ? 0 : queueRoom(horizon);
                return room + ahead == 0 ? Claims.NONE : dueFires.fire(horizon, BATCH, room, ahead, attempted);
            });
            more = queued.locked() == BATCH && !runner.full() || fired.locked() == BATCH;
        }
        starved = runner.full();
        unserved.expireIfDue();
        Instant now = time.instant();
        if (more) {
            return now;
        }
        if (starved) {
            return now.plus(MAX_SLEEP); // the runner wakes the clock as soon as a quarter of its room is free
        }
        Instant earliest = earliestDue(now);
        Instant latest = now.plus(MAX_SLEEP);
        if (earliest == null || earliest.minus(LOOKAHEAD).isAfter(latest)) {
            return latest;
        }
        Instant soonest = now.plus(CONTENDED_RETRY);
        return earliest.minus(LOOKAHEAD).isBefore(soonest) ? soonest : earliest.minus(LOOKAHEAD);
    }

    /**
     * How many fires may be queued ahead of this node's room: what the queue's bound leaves of the runs waiting that
     * this node could take (a burst is then fired before its instant, and its runs claimed cheaply as room frees).
     */
    private int queueRoom(Instant horizon) {
        return Math.max(0, queueAhead - queuedRuns.waiting(horizon, queueAhead));
    }

    /** A claim step: given the room reserved, it claims in its own transaction, and tells which runs it attempted. */
    @FunctionalInterface
    private interface ClaimStep {
        Claims claim(int room, List<ClaimedRun> attempted);
    }

    /**
     * One claim step: reserve room for a batch on the runner, claim (in the step's own transaction) at most that many
     * runs, give back the room not used, and hand the runs claimed to the runner, each to start at its instant. A step
     * that failed may have committed all the same (the answer to its COMMIT was lost): the runs it attempted that are
     * running under this incarnation now are handed over too, rather than left running with nobody to run them.
     */
    private Claims claim(ClaimStep step) {
        int room = runner.reserve(BATCH);
        List<ClaimedRun> attempted = new ArrayList<>();
        runner.claimBegins();
        try {
            Claims claims;
            try {
                claims = step.claim(room, attempted);
            } catch (RuntimeException | Error e) {
                List<ClaimedRun> committed = committedAnyway(attempted);
                runner.release(room - committed.size());
                runner.submit(committed);
                throw e;
            }
            runner.release(room - claims.runs().size());
            runner.submit(claims.runs());
            return claims;
        } finally {
            runner.claimEnds();
        }
    }

    /** Which of the runs a failed claim attempted are running under this incarnation all the same (none if unknown). */
    private List<ClaimedRun> committedAnyway(List<ClaimedRun> attempted) {
        if (attempted.isEmpty()) {
            return List.of();
        }
        try {
            Set<Long> mine = running.runningOn(settings.nodeName(), lease.incarnation()).stream()
                    .map(CancelRequests.Held::executionId).collect(Collectors.toSet());
            List<ClaimedRun> committed = attempted.stream().filter(run -> mine.contains(run.executionId())).toList();
            if (!committed.isEmpty()) {
                LOG.warning(() -> "A claim failed after its commit: " + committed.size() + " of its runs are this node's "
                        + "all the same, and run");
            }
            return committed;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not find out what a failed claim committed (" + e.getMessage() + "): any of its "
                    + attempted.size() + " runs committed is orphaned once the database answers", e);
            return List.of();
        }
    }

    private Instant earliestDue(Instant now) {
        return jdbc.inTransaction(connection -> {
            Instant fire;
            try (PreparedStatement select = connection.prepareStatement(EARLIEST_FIRE)) {
                fire = firstInstant(select);
            }
            try (PreparedStatement select = connection.prepareStatement(EARLIEST_QUEUED)) {
                SqlTime.set(select, 1, now);
                Instant queued = firstInstant(select);
                return fire == null || (queued != null && queued.isBefore(fire)) ? queued : fire;
            }
        });
    }

    private static Instant firstInstant(PreparedStatement select) throws java.sql.SQLException {
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return SqlTime.get(rs, 1);
        }
    }

    private synchronized void arm(Instant at) {
        if (stopping || armed != null && !at.isBefore(armedFor)) {
            return;
        }
        if (armed != null) {
            try {
                armed.cancel();
            } catch (RuntimeException alreadyGone) {
                // it fired meanwhile: the tick will arm again, one more timer does no harm
            }
        }
        long delay = Math.max(0, Duration.between(time.instant(), at).toMillis());
        armed = timers.createSingleActionTimer(delay, new TimerConfig(null, false));
        armedFor = at;
    }
}
