package io.pendule.security.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.platform.Json;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes audit events in the caller's transaction, on its connection: the JDBC transactions of runs, cancels, the
 * scheduler's pause and a node's leave call {@link #write} then, once committed, {@link #mirror}; {@link AuditLog}
 * does both for the JTA transactions. Pendule's own acts ({@link Identity#SYSTEM}: the clock, the workers, the
 * start-up) are not recorded.
 */
@ApplicationScoped
public class AuditWriter {

    /** The logger a SIEM reads: one JSON object per line, per event, once its transaction has committed. */
    public static final String LOGGER = "pendule.audit";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    static final String INSERT = "INSERT INTO audit_event (at, actor, actor_kind, token_id, remote_addr, user_agent, "
            + "action, target, outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    InstantSource time;

    /** The event {@code caller} makes, now; none for Pendule itself. */
    public Optional<AuditEvent> event(Identity caller, AuditAction action, String target, AuditEvent.Outcome outcome,
                                      Map<String, ?> details) {
        if (caller.kind() == Identity.Kind.SYSTEM) {
            return Optional.empty();
        }
        return Optional.of(new AuditEvent(caller, time.instant(), action, target, outcome, details));
    }

    /**
     * Writes the event {@code caller} makes in the transaction of {@code connection}; returns it, for {@link #mirror}
     * once that transaction has committed (nothing for Pendule itself).
     */
    public Optional<AuditEvent> write(Connection connection, Identity caller, AuditAction action, String target,
                                      AuditEvent.Outcome outcome, Map<String, ?> details) throws SQLException {
        Optional<AuditEvent> event = event(caller, action, target, outcome, details);
        if (event.isPresent()) {
            insert(connection, event.get());
        }
        return event;
    }

    static void insert(Connection connection, AuditEvent event) throws SQLException {
        Jdbc.update(connection, INSERT, insert -> bind(insert, event));
    }

    /** The events, as one batch. */
    static int[] insert(Connection connection, List<AuditEvent> events) throws SQLException {
        return Jdbc.batch(connection, INSERT, events, AuditWriter::bind);
    }

    private static void bind(PreparedStatement insert, AuditEvent event) throws SQLException {
        SqlTime.set(insert, 1, event.getAt());
        insert.setString(2, event.getActor());
        insert.setString(3, event.getActorKind());
        insert.setString(4, event.getTokenId());
        insert.setString(5, event.getRemoteAddr());
        insert.setString(6, event.getUserAgent());
        insert.setString(7, event.getAction());
        insert.setString(8, event.getTarget());
        insert.setString(9, event.getOutcome());
        insert.setString(10, event.getDetails());
    }

    /** The event's line in the log {@link #LOGGER}; call it once the event's transaction has committed. */
    public void mirror(Optional<AuditEvent> event) {
        event.ifPresent(written -> LOG.info(() -> Json.write(written.fields())));
    }
}
