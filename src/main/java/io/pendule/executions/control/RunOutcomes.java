package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.executions.entity.FollowUps;
import io.pendule.executions.entity.RunFinished;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What follows runs' final outcomes, through an outbox (FollowUpRows): the transaction that records an outcome writes
 * what follows it ({@link #write}), and after its commit this node is woken ({@link #wake}) to announce the outcome to
 * its observers ({@code @Observes RunFinished}: notifications, dependents, ephemeral deletion), on a pool of the
 * container's threads, never on the recorder's. A row is deleted once every kind it names is done; a kind that
 * failed is tried again later ({@link #backoff}), by any node, the others are not done twice; a node that dies leaves
 * its rows to the others, which look every {@link #POLL}. So each follow-up happens at least once.
 */
@ApplicationScoped
public class RunOutcomes {

    private static final Logger LOG = Logger.getLogger(RunOutcomes.class.getName());
    static final Duration POLL = Duration.ofSeconds(2);
    /** Longer than any observer takes (a webhook tries 3 times, 10 s each): a row is not taken twice while followed. */
    static final Duration TAKEN_FOR = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    private static final Duration LONGEST_BACKOFF = Duration.ofMinutes(5);
    /**
     * Threads following outcomes: a webhook that does not answer holds one for up to its 3 attempts, so a few dead
     * endpoints must not hold up the dependents of every other run.
     */
    static final int FOLLOWERS = 8;
    /** Rows taken and not yet followed, at most: taken rows waiting longer than TAKEN_FOR would be taken again. */
    static final int IN_FLIGHT = 2 * FOLLOWERS;

    /** The kinds, one observer each, in the order of the contract (see RunFinished): the ephemeral deletion last. */
    private static final FollowUps NOTIFY = new FollowUps(false, true, false);
    private static final FollowUps DOWNSTREAM = new FollowUps(true, false, false);
    private static final FollowUps EPHEMERAL = new FollowUps(false, false, true);

    @Resource
    ManagedThreadFactory threads;
    /** The followers' pool, made of the container's threads. */
    Executor executor;
    @Inject
    Event<RunFinished> event;
    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    Settings settings;

    private final Semaphore woken = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running = true;
    private Thread follower;

    @PostConstruct
    void startFollower() {
        executor = Executors.newFixedThreadPool(FOLLOWERS, threads);
        follower = threads.newThread(this::followLoop);
        follower.setName("pendule-follow-ups");
        follower.setDaemon(true);
        follower.start();
    }

    @PreDestroy
    void stopFollower() {
        running = false;
        follower.interrupt();
        ((ExecutorService) executor).shutdownNow();
    }

    /** In the transaction that records these outcomes: writes what follows them (nothing for most runs). */
    public void write(Connection connection, List<FollowUpRows.Pending> outcomes) throws SQLException {
        List<FollowUpRows.Pending> followed = outcomes.stream().filter(o -> o.followUps().any()).toList();
        if (!followed.isEmpty()) {
            FollowUpRows.insert(connection, followed, time.instant());
        }
    }

    /** After the commit of outcomes written with {@link #write}: follows them at once rather than at the next poll. */
    public void wake(List<FollowUpRows.Pending> outcomes) {
        if (outcomes.stream().anyMatch(o -> o.followUps().any())) {
            woken.release();
        }
    }

    private void followLoop() {
        while (running) {
            try {
                woken.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                woken.drainPermits();
                followDue();
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "Could not take the follow-ups due, trying again in " + POLL.toSeconds() + " s: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Takes the rows due that no node holds, and follows each on the followers' pool; returns how many it took. */
    int followDue() {
        Instant now = time.instant();
        List<FollowUpRows.Due> due = jdbc.inTransaction(connection ->
                FollowUpRows.claim(connection, now, now.plus(TAKEN_FOR), IN_FLIGHT - inFlight.get()));
        for (FollowUpRows.Due d : due) {
            inFlight.incrementAndGet();
            try {
                executor.execute(() -> {
                    try {
                        follow(d);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                LOG.warning(() -> "Follow-ups of execution " + d.outcome().executionId() + " not started now, taken again in "
                        + TAKEN_FOR.toMinutes() + " min: " + e.getMessage());
            }
        }
        return due.size();
    }

    /** Announces the outcome once per kind still to do; records what is done and what is left. */
    void follow(FollowUpRows.Due due) {
        RunFinished outcome = due.outcome();
        if (outcome.node() == null) {
            // a queued run cancelled: no node ran it, the one that follows it speaks for it
            outcome = withFollowUps(outcome, outcome.followUps(), settings.nodeName());
        }
        FollowUps left = outcome.followUps();
        StringBuilder errors = new StringBuilder();
        if (left.notifies() && announce(withFollowUps(outcome, NOTIFY, outcome.node()), errors)) {
            left = without(left, NOTIFY);
        }
        if (left.downstream() && announce(withFollowUps(outcome, DOWNSTREAM, outcome.node()), errors)) {
            left = without(left, DOWNSTREAM);
        }
        // last, once nothing else needs the job
        if (left.ephemeral() && !left.notifies() && !left.downstream()
                && announce(withFollowUps(outcome, EPHEMERAL, outcome.node()), errors)) {
            left = without(left, EPHEMERAL);
        }
        FollowUps stillLeft = left;
        try {
            jdbc.inTransaction(connection -> {
                if (stillLeft.any()) {
                    FollowUpRows.again(connection, due.outcome().executionId(), stillLeft, nextAttempt(due.attempts()),
                            errors.toString());
                } else {
                    FollowUpRows.done(connection, due.outcome().executionId());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "What follows execution " + due.outcome().executionId() + " was done but could not be"
                    + " recorded; it will be done again: " + e.getMessage(), e);
        }
        if (stillLeft.any() && due.attempts() >= MAX_ATTEMPTS) {
            LOG.severe("What follows execution " + due.outcome().executionId() + " of " + due.outcome().jobName()
                    + " failed " + due.attempts() + " times, given up (its row stays in follow_up): " + errors);
        }
    }

    private boolean announce(RunFinished outcome, StringBuilder errors) {
        try {
            event.fire(outcome);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "What follows execution " + outcome.executionId() + " of " + outcome.jobName()
                    + " failed, to be tried again: " + e.getMessage(), e);
            errors.append(errors.isEmpty() ? "" : "; ").append(e.getMessage());
            return false;
        }
    }

    /** NULL once the last attempt failed: the row is given up. */
    private Instant nextAttempt(int attempts) {
        return attempts >= MAX_ATTEMPTS ? null : time.instant().plus(backoff(attempts));
    }

    /** 5 s after the first failure, doubling, at most 5 min: 8 attempts span about 10 minutes. */
    static Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 10));
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }

    private static FollowUps without(FollowUps left, FollowUps done) {
        return new FollowUps(left.downstream() && !done.downstream(), left.notifies() && !done.notifies(),
                left.ephemeral() && !done.ephemeral());
    }

    private static RunFinished withFollowUps(RunFinished o, FollowUps followUps, String node) {
        return new RunFinished(o.executionId(), o.jobName(), o.groupId(), o.attempt(), o.status(), o.startedAt(),
                o.finishedAt(), o.exitCode(), o.output(), o.error(), node, followUps, o.target());
    }
}
