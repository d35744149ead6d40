package io.pendule.cluster.control;

import io.pendule.metrics.control.Metrics;
import io.pendule.cluster.entity.NodeLeaving;
import io.pendule.executions.control.NodeLease;
import io.pendule.executions.control.Orphans;
import io.pendule.database.control.DatabaseClock;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.KeptConnection;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import io.pendule.security.control.AuditWriter;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node in the cluster: it registers itself under its name and a new process incarnation ({@link NodeLease}), and
 * heartbeats every 5 s: one write of its node row, by the database's clock, which is the lease of every run it holds.
 * The heartbeat has its own thread and keeps its own connection, so that no load of the node (busy timers, a pool
 * taken by the recorder and the runs' checks) holds it back past the lease: the node would fence itself. It then
 * declares orphaned, on another thread, the runs whose incarnation stopped heartbeating (executions.control.Orphans),
 * unless its own heartbeat was stale lately (it may be the one that was cut off). A name another live incarnation heartbeats is
 * refused: this process then claims and runs nothing, says so in its log (and health), and takes the name once the other
 * has been silent for a lease. The runs an earlier process of this node left running are orphaned as it registers.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionManagement(TransactionManagementType.BEAN)
@Lock(LockType.READ) // a leave drains the runs for up to 25 s: the heartbeat must go on meanwhile, or the node is fenced
public class NodeHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

    /** A node silent this long is shown failed in /v1/members; its runs are orphaned a grace later (Orphans). */
    static final Duration DEAD_AFTER = NodeLease.LENGTH;

    private static final String HEARTBEAT = "UPDATE node SET heartbeat_at = ? WHERE name = ? AND incarnation = ?";
    private static final String HOLDER = "SELECT incarnation, heartbeat_at FROM node WHERE name = ? FOR UPDATE";
    /** The same parameters as {@link #RESTART}, in the same order. */
    private static final String REGISTER = "INSERT INTO node (roles, tags, address, port, version, started_at, "
            + "heartbeat_at, incarnation, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RESTART = "UPDATE node SET roles = ?, tags = ?, address = ?, port = ?, version = ?, "
            + "started_at = ?, heartbeat_at = ?, incarnation = ?, left_at = NULL WHERE name = ?";
    private static final String LEAVE = "UPDATE node SET left_at = ? WHERE name = ?";
    /** A process that stops lets its name go at once: a restart need not wait for its heartbeat to age. */
    private static final String RELEASE = "UPDATE node SET incarnation = NULL WHERE name = ? AND incarnation = ?";

    @Inject
    Metrics metrics;
    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    Event<NodeLeaving> leaving;
    @Inject
    Orphans orphans;
    @Inject
    AuditWriter audit;
    @Inject
    Settings settings;
    @Inject
    NodeLease lease;
    @Inject
    DatabaseClock databaseClock;
    @Resource
    ManagedThreadFactory threads;

    private String name;
    private KeptConnection connection;
    /** Beats every {@link NodeLease#HEARTBEAT_EVERY}; and judges the other nodes, one judgement at a time. */
    private ScheduledThreadPoolExecutor beater;
    private ThreadPoolExecutor judge;
    private volatile boolean judgingLogged = true;
    private volatile boolean released;

    /** The incarnation holding the node's name, and its last heartbeat. */
    private record Holder(String incarnation, Instant heartbeat) {
    }

    @PostConstruct
    void register() {
        name = settings.nodeName();
        connection = jdbc.keptConnection();
        try {
            takeTheName();
        } catch (RuntimeException e) {
            lease.refuse("could not register: " + e.getMessage());
            LOG.log(Level.SEVERE, "Node " + name + " could not register (it schedules and runs nothing until it does, "
                    + "trying again at each heartbeat): " + e.getMessage(), e);
        }
        startThreads();
    }

    /** The heartbeat's own threads (a test beats by hand instead, and judges as it beats). */
    protected void startThreads() {
        beater = new ScheduledThreadPoolExecutor(1, threads);
        long every = NodeLease.HEARTBEAT_EVERY.toMillis();
        beater.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        judge = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(), threads,
                new ThreadPoolExecutor.DiscardPolicy()); // a judgement still going: the next beat's is not needed
    }

    /** Registers this incarnation under the node's name, unless another live one holds it; returns whether it did. */
    private boolean takeTheName() {
        Instant now = time.instant();
        long sent = lease.sending();
        Optional<String> refusal = jdbc.inTransaction(connection -> {
            Instant databaseNow = databaseClock.now(connection);
            List<Holder> holder = Jdbc.query(connection, HOLDER, select -> select.setString(1, name),
                    rs -> new Holder(rs.getString(1), SqlTime.get(rs, 2)));
            if (!holder.isEmpty()) {
                String other = holder.get(0).incarnation();
                Instant beat = holder.get(0).heartbeat();
                if (shared() && other != null && !other.equals(lease.incarnation())
                        && !beat.isBefore(databaseNow.minus(NodeLease.LENGTH))) {
                    return Optional.of("another process (incarnation " + other + ") with the node name " + name
                            + " heartbeated " + Duration.between(beat, databaseNow).toSeconds() + " s ago");
                }
            }
            String tags = Json.write(NodeTags.of(settings).asMap());
            Jdbc.update(connection, holder.isEmpty() ? REGISTER : RESTART, row -> {
                row.setString(1, settings.roles());
                row.setString(2, tags);
                row.setString(3, settings.address());
                row.setInt(4, settings.port());
                row.setString(5, settings.version());
                SqlTime.set(row, 6, now);
                SqlTime.set(row, 7, databaseNow);
                row.setString(8, lease.incarnation());
                row.setString(9, name);
            });
            return Optional.empty();
        });
        if (refusal.isPresent()) {
            if (lease.refusal().isEmpty() || !lease.refusal().get().startsWith("another process")) {
                LOG.severe(() -> "Node name " + name + " refused: " + refusal.get() + ". Node names must be unique in a "
                        + "cluster (PENDULE_NODE_NAME). This process schedules and runs nothing; it takes the name once "
                        + "the other has been silent for " + NodeLease.LENGTH.toSeconds() + " s");
            }
            lease.refuse(refusal.get());
            return false;
        }
        lease.admit();
        lease.beaten(sent);
        int orphaned = orphans.declareLeftBy(name, lease.incarnation(), now);
        if (orphaned > 0) {
            LOG.warning(() -> orphaned + " executions were running on this node when it stopped: marked orphaned");
        }
        LOG.info(() -> "Node " + name + " registered with roles " + settings.roles() + " (incarnation "
                + lease.incarnation() + ")");
        return true;
    }

    /**
     * Whether other processes may use this database: the embedded one is locked by the process that opened it, so
     * the other incarnation on its node row is a dead one (killed, then restarted), and the name is free at once.
     */
    private boolean shared() {
        return settings.databaseUrl().isPresent();
    }

    /**
     * Dkron's leave: this node stops scheduling and running (its claimed runs finish first, the clock observes NodeLeaving) and is
     * shown as left until it restarts. It goes on serving the API and heartbeating. Recorded in the audit log, for
     * {@code caller}, in the leave's transaction.
     */
    public void leave(Identity caller) {
        leaving.fire(new NodeLeaving(name));
        audit.mirror(jdbc.inTransaction(connection -> {
            try (PreparedStatement leave = connection.prepareStatement(LEAVE)) {
                SqlTime.set(leave, 1, time.instant());
                leave.setString(2, name);
                leave.executeUpdate();
            }
            return audit.write(connection, caller, AuditAction.NODE_LEAVE, name, AuditEvent.Outcome.ALLOWED, Map.of());
        }));
        LOG.info(() -> "Node " + name + " left the cluster: it schedules and runs nothing until it restarts");
    }

    /** One heartbeat: every {@link NodeLease#HEARTBEAT_EVERY} on its own thread. */
    public void heartbeat() {
        try {
            if (released) {
                return;
            }
            if (lease.refusal().isPresent()) {
                takeTheName();
                return;
            }
            beat();
        } catch (Throwable e) { // an Error would end the beats for good
            LOG.log(Level.WARNING, "Heartbeat failed: " + e.getMessage(), e);
        }
    }

    private void beat() {
        long sent = lease.sending();
        Instant databaseNow = connection.inTransaction(kept -> {
            Instant now = databaseClock.now(kept);
            int beaten = Jdbc.update(kept, HEARTBEAT, beat -> {
                SqlTime.set(beat, 1, now);
                beat.setString(2, name);
                beat.setString(3, lease.incarnation());
            });
            return beaten == 1 ? now : null;
        });
        if (databaseNow == null) {
            String why = "superseded: another process took the node name " + name + " after this one was silent for "
                    + "more than the lease";
            LOG.severe(() -> "Node " + why + "; this process stops its runs and runs nothing until the name is free");
            lease.refuse(why);
            return;
        }
        lease.beaten(sent);
        metrics.leaseRenewed();
        lease.measured(Duration.between(databaseNow, time.instant()));
        if (!lease.judgesOthers()) {
            if (!judgingLogged) {
                judgingLogged = true;
                LOG.info("This node's heartbeat was stale lately: it orphans no other node's runs for "
                        + NodeLease.LENGTH.toSeconds() + " s, the time for the others to heartbeat again");
            }
            return;
        }
        judgingLogged = false;
        if (judge == null) {
            judgeOthers();
        } else {
            judge.execute(this::judgeOthers);
        }
    }

    /** The runs of the nodes whose heartbeat stopped are orphaned: on the pool, which may keep it waiting. */
    private void judgeOthers() {
        try {
            int orphaned = orphans.declareExpired(time.instant());
            if (orphaned > 0) {
                LOG.warning(() -> orphaned + " executions lost their node (its heartbeat stopped): marked orphaned");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look for the runs of nodes whose heartbeat stopped: " + e.getMessage(), e);
        }
    }

    /** A process that stops (after its clock drained, see clock.boundary.GracefulStop) lets its name go. */
    @PreDestroy
    public void release() {
        if (beater != null) {
            beater.shutdownNow();
            judge.shutdownNow();
        }
        try {
            releaseTheName();
        } finally {
            connection.close();
        }
    }

    private void releaseTheName() {
        if (released || lease.refusal().isPresent()) {
            return;
        }
        released = true;
        try {
            jdbc.inTransaction(connection -> Jdbc.update(connection, RELEASE, release -> {
                release.setString(1, name);
                release.setString(2, lease.incarnation());
            }));
        } catch (RuntimeException e) {
            LOG.fine(() -> "Could not release the node name " + name + ": " + e.getMessage());
        }
    }
}
