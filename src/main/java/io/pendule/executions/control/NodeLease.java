package io.pendule.executions.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * This process's hold on the runs it claims. Each process start is an incarnation (a random id), written on every run
 * it claims; the lease of all its runs is its incarnation's heartbeat (cluster.control.NodeHeartbeat, one write per
 * heartbeat whatever the number of runs). The process measures its last successful heartbeat on its monotonic clock,
 * from the moment the statement was sent: once that is older than {@link #FENCED_AFTER} the node is fenced and starts
 * nothing; once older than the {@link #LENGTH lease} it stops what it runs, since another node may have orphaned and
 * retried it by now. A name whose row another live incarnation heartbeats is refused: the process then claims and
 * runs nothing (health reads {@link #refusal()}).
 */
@ApplicationScoped
public class NodeLease {

    private static final Logger LOG = Logger.getLogger(NodeLease.class.getName());

    /** Runs of an incarnation whose heartbeat is older than this (by the database's clock), plus a grace, are orphaned. */
    public static final Duration LENGTH = Duration.ofSeconds(30);
    /** How often a node heartbeats. */
    public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    /** Starts stop this long after the last successful heartbeat: the margin leaves a node time to see it lost its runs. */
    public static final Duration FENCED_AFTER = Duration.ofSeconds(20);
    /** A node whose own heartbeat is older than this does not judge others' (it may be the one cut off). */
    static final Duration STALE_AFTER = HEARTBEAT_EVERY.multipliedBy(2);
    /**
     * A node that just started judges others after two heartbeats of theirs: the database may have just come back, as
     * it let this node register. (A node that recovered from a stale heartbeat waits a whole lease.)
     */
    static final Duration FIRST_JUDGES_AFTER = STALE_AFTER;
    /** A clock further than this from the database's is reported. */
    public static final Duration SKEW_WARNING = Duration.ofSeconds(2);

    private final String incarnation = UUID.randomUUID().toString();
    private volatile boolean beaten;
    private volatile long lastBeatSent;
    private volatile long recoveredAt;
    private volatile long unfencedAt;
    private volatile boolean lookAwaited;
    private volatile long lastLookSent;
    private volatile String refusal;
    private volatile Duration skew = Duration.ZERO;
    private boolean fenceLogged;

    /** The monotonic clock the lease is measured on (a stand-in in tests, whose time is moved). */
    protected long nanoTime() {
        return System.nanoTime();
    }

    public String incarnation() {
        return incarnation;
    }

    /** Now, on the monotonic clock: taken just before a heartbeat or a look is sent. */
    public long sending() {
        return nanoTime();
    }

    /**
     * A heartbeat sent at {@code sentAt} succeeded. After a silence of more than two heartbeats this node has just
     * recovered (from a pause, or a database outage): it waits a lease before it judges others, who may not have
     * recovered yet. A node that was fenced starts nothing until it has looked at its rows afresh (ExecutionRunner).
     */
    public void beaten(long sentAt) {
        synchronized (this) {
            boolean wasFenced = fenced();
            if (!beaten) {
                recoveredAt = sentAt - LENGTH.toNanos() + FIRST_JUDGES_AFTER.toNanos();
            } else if (sentAt - lastBeatSent > STALE_AFTER.toNanos()) {
                recoveredAt = sentAt;
            }
            lastBeatSent = sentAt;
            if (beaten && wasFenced && refusal == null) {
                unfencedAt = sentAt;
                lookAwaited = true;
            }
            beaten = true;
        }
        fencing();
    }

    /** A look at this incarnation's rows (ExecutionRunner) sent at {@code sentAt} answered. */
    public void looked(long sentAt) {
        lastLookSent = sentAt;
        if (lookAwaited && sentAt - unfencedAt >= 0) {
            lookAwaited = false;
        }
    }

    /**
     * Fenced: claims and starts nothing. Refused, not registered yet, or the last successful heartbeat is older than
     * {@link #FENCED_AFTER}.
     */
    public boolean fenced() {
        return refusal != null || !beaten || nanoTime() - lastBeatSent > FENCED_AFTER.toNanos();
    }

    /** Whether a held run may start now: not fenced, and, after being fenced, a look at its rows came back since. */
    public boolean startsAllowed() {
        return !fenced() && !lookAwaited;
    }

    /** The lease ran out (or the name is refused): whatever this node runs may be run by another by now. */
    public boolean lost() {
        return refusal != null || beaten && nanoTime() - lastBeatSent > LENGTH.toNanos();
    }

    /** Whether this node may orphan other nodes' runs: its own heartbeat is fresh, and has been for a lease. */
    public boolean judgesOthers() {
        long now = nanoTime();
        return refusal == null && beaten && now - lastBeatSent <= STALE_AFTER.toNanos()
                && now - recoveredAt >= LENGTH.toNanos();
    }

    /** Logs, once per change, that the node became fenced or is no longer; called at each heartbeat and look. */
    public synchronized void fencing() {
        boolean fenced = beaten && fenced(); // a refused (superseded) incarnation stays fenced: its refusal says why
        if (fenced != fenceLogged) {
            fenceLogged = fenced;
            long silent = Duration.ofNanos(nanoTime() - lastBeatSent).toSeconds();
            if (fenced) {
                LOG.warning(() -> "Node fenced: no successful heartbeat for " + silent + " s (lease " + LENGTH.toSeconds()
                        + " s): it starts no run, and stops those it runs after " + LENGTH.toSeconds() + " s");
            } else {
                LOG.warning("Node no longer fenced: its heartbeat succeeded again; it starts runs again once it has "
                        + "checked which are still its own");
            }
        }
    }

    /** The name is refused (another live incarnation holds it), or this incarnation was superseded: why. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    public void refuse(String why) {
        refusal = why;
    }

    /** The name is this incarnation's again (the other one stopped heartbeating). */
    public void admit() {
        refusal = null;
    }

    /** This node's clock minus the database's, as measured at the last heartbeat. */
    public Duration skew() {
        return skew;
    }

    /** Records the skew measured at a heartbeat, and warns when it goes beyond {@link #SKEW_WARNING} or comes back. */
    public void measured(Duration skew) {
        boolean wasOff = this.skew.abs().compareTo(SKEW_WARNING) > 0;
        boolean off = skew.abs().compareTo(SKEW_WARNING) > 0;
        this.skew = skew;
        if (off && !wasOff) {
            LOG.warning(() -> "This node's clock is " + skew.toMillis() + " ms off the database's: fires are decided by "
                    + "this node's clock, leases by the database's; synchronize the clocks (NTP)");
        } else if (wasOff && !off) {
            LOG.info(() -> "This node's clock is again within " + SKEW_WARNING.toSeconds() + " s of the database's");
        }
    }
}
