package io.pendule.cluster.control;

import io.pendule.cluster.entity.NodeLeaving;
import io.pendule.cluster.control.Leases;
import io.pendule.executions.control.ExecutionRows;
import io.pendule.executions.control.Orphans;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
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
import java.util.logging.Logger;

/**
 * This node in the cluster: it registers itself, heartbeats (for /v1/members), renews the leases of the runs it holds,
 * and declares the runs whose lease ran out orphaned (executions.control.Orphans). An execution left running by this
 * very node before a restart is orphaned at start-up: nothing is running it any more.
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionManagement(TransactionManagementType.BEAN)
public class NodeHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class.getName());

    /** A node silent this long is shown failed in /v1/members; its runs are judged by their leases, not by this. */
    static final Duration DEAD_AFTER = Duration.ofSeconds(30);

    private static final String HEARTBEAT = "UPDATE node SET heartbeat_at = ? WHERE name = ?";
    private static final String REGISTER = "INSERT INTO node (name, roles, tags, address, port, version, started_at, heartbeat_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RESTART = "UPDATE node SET roles = ?, tags = ?, address = ?, port = ?, version = ?, "
            + "started_at = ?, heartbeat_at = ?, left_at = NULL WHERE name = ?";
    private static final String LEAVE = "UPDATE node SET left_at = ? WHERE name = ?";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    Event<NodeLeaving> leaving;
    @Inject
    Orphans orphans;
    @Inject
    Settings settings;

    private String name;

    @PostConstruct
    void register() {
        name = settings.nodeName();
        Instant now = time.instant();
        jdbc.inTransaction(connection -> {
            try (PreparedStatement restart = connection.prepareStatement(RESTART)) {
                restart.setString(1, settings.roles());
                restart.setString(2, Json.write(NodeTags.parse(settings.nodeTags()).asMap()));
                restart.setString(3, settings.address());
                restart.setInt(4, settings.port());
                restart.setString(5, settings.version());
                SqlTime.set(restart, 6, now);
                SqlTime.set(restart, 7, now);
                restart.setString(8, name);
                if (restart.executeUpdate() == 0) {
                    try (PreparedStatement register = connection.prepareStatement(REGISTER)) {
                        register.setString(1, name);
                        register.setString(2, settings.roles());
                        register.setString(3, Json.write(NodeTags.parse(settings.nodeTags()).asMap()));
                        register.setString(4, settings.address());
                        register.setInt(5, settings.port());
                        register.setString(6, settings.version());
                        SqlTime.set(register, 7, now);
                        SqlTime.set(register, 8, now);
                        register.executeUpdate();
                    }
                }
            }
            return null;
        });
        int orphaned = orphans.declareLeftBy(name, now);
        if (orphaned > 0) {
            LOG.warning(() -> orphaned + " executions were running on this node when it stopped: marked orphaned");
        }
        LOG.info(() -> "Node " + name + " registered with roles " + settings.roles());
    }

    /**
     * Dkron's leave: this node stops scheduling and running (its claimed runs finish first, the clock observes NodeLeaving) and is
     * shown as left until it restarts. It goes on serving the API and heartbeating.
     */
    public void leave() {
        leaving.fire(new NodeLeaving(name));
        jdbc.inTransaction(connection -> {
            try (PreparedStatement leave = connection.prepareStatement(LEAVE)) {
                SqlTime.set(leave, 1, time.instant());
                leave.setString(2, name);
                return leave.executeUpdate();
            }
        });
        LOG.info(() -> "Node " + name + " left the cluster: it schedules and runs nothing until it restarts");
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void heartbeat() {
        Instant now = time.instant();
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, HEARTBEAT, beat -> {
                SqlTime.set(beat, 1, now);
                beat.setString(2, name);
            });
            ExecutionRows.renewLeases(connection, name, now.plus(Leases.LENGTH));
            return null;
        });
        int orphaned = orphans.declareExpired(now);
        if (orphaned > 0) {
            LOG.warning(() -> orphaned + " executions lost their node (lease expired): marked orphaned");
        }
    }
}
