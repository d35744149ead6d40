package io.pendule.security.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.database.control.MigratedH2;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log's rows on H2 with the real migrations (V20): an event is written in the caller's transaction and goes
 * with its rollback, Pendule's own acts are not written, the database refuses an outcome or an actor kind no enum
 * has, the log line comes once asked (after the commit), and the retention deletes only what is older than it keeps.
 */
class AuditWriterOnH2Test {

    private static final Instant T0 = Instant.parse("2026-03-01T09:30:00Z");
    private static JdbcDataSource database;
    private final AuditWriter writer = new AuditWriter();
    private final Identity token = Identity.token("admin", Role.ADMIN, "k3y1d").from("192.0.2.7", "curl/8.5");

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("audit");
    }

    @BeforeEach
    void empty() throws SQLException {
        writer.time = () -> T0;
        sql("DELETE FROM audit_event");
    }

    @Test
    void anEventIsWrittenInTheCallersTransactionAndGoesWithItsRollback() throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            writer.write(connection, token, AuditAction.JOB_CREATE, "ping", AuditEvent.Outcome.ALLOWED, Map.of("after", Map.of("schedule", "@daily")));
            connection.rollback();
            assertEquals(0, count(), "the change rolled back: no event either");

            writer.write(connection, token, AuditAction.JOB_CREATE, "ping", AuditEvent.Outcome.ALLOWED, Map.of("after", Map.of("schedule", "@daily")));
            connection.commit();
        }
        assertEquals(1, count());
        try (Connection connection = database.getConnection()) {
            List<String> row = Jdbc.query(connection, "SELECT at, actor, actor_kind, token_id, remote_addr, user_agent, action, "
                    + "target, outcome, details FROM audit_event", p -> {
            }, rs -> List.of(SqlTime.get(rs, 1).toString(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10))).get(0);
            assertEquals(List.of(T0.toString(), "admin", "token", "k3y1d", "192.0.2.7", "curl/8.5", "job.create", "ping", "allowed",
                    "{\"after\":{\"schedule\":\"@daily\"}}"), row);
        }
    }

    @Test
    void pendulesOwnActsAreNotRecorded() throws SQLException {
        try (Connection connection = database.getConnection()) {
            Optional<AuditEvent> event = writer.write(connection, Identity.SYSTEM, AuditAction.JOB_RUN, "ping",
                    AuditEvent.Outcome.ALLOWED, Map.of());
            assertTrue(event.isEmpty());
        }
        assertEquals(0, count());
    }

    @Test
    void theDatabaseRefusesAnOutcomeOrAnActorKindNoEnumHas() {
        assertThrows(SQLException.class, () -> sql("INSERT INTO audit_event (at, actor, actor_kind, action, target, outcome) "
                + "VALUES (NOW(), 'a', 'user', 'job.run', 'x', 'maybe')"));
        assertThrows(SQLException.class, () -> sql("INSERT INTO audit_event (at, actor, actor_kind, action, target, outcome) "
                + "VALUES (NOW(), 'a', 'robot', 'job.run', 'x', 'allowed')"));
    }

    @Test
    void everyKindOutcomeAndActionFitsItsColumn() throws SQLException {
        List<Identity> callers = List.of(Identity.user("u", Role.VIEWER), token, Identity.anonymous(Role.OPERATOR));
        try (Connection connection = database.getConnection()) {
            for (AuditAction action : AuditAction.values()) {
                for (AuditEvent.Outcome outcome : AuditEvent.Outcome.values()) {
                    for (Identity caller : callers) {
                        writer.write(connection, caller, action, "t", outcome, Map.of());
                    }
                }
            }
        }
        assertEquals(AuditAction.values().length * AuditEvent.Outcome.values().length * callers.size(), count());
    }

    @Test
    void longTextsAreCutToTheirColumns() throws SQLException {
        Identity tried = Identity.user("n".repeat(500), Role.VIEWER).from("a".repeat(100), "b".repeat(2000));
        try (Connection connection = database.getConnection()) {
            writer.write(connection, tried, AuditAction.LOGIN_FAILURE, "t".repeat(1000), AuditEvent.Outcome.FAILED, Map.of());
        }
        assertEquals(1, count());
    }

    @Test
    void theLogLineIsOneJsonObjectOfTheEvent() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AuditWriter.LOGGER);
        logger.addHandler(handler);
        try (Connection connection = database.getConnection()) {
            Optional<AuditEvent> event = writer.write(connection, token, AuditAction.JOB_TOGGLE, "ping", AuditEvent.Outcome.ALLOWED,
                    Map.of("before", Map.of("disabled", false), "after", Map.of("disabled", true)));
            assertEquals(List.of(), lines, "nothing is said before the transaction has committed");
            writer.mirror(event);
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = Json.MAPPER.readTree(lines.get(0));
        assertEquals("job.toggle", line.get("action").asText());
        assertEquals("admin", line.get("actor").asText());
        assertEquals("k3y1d", line.get("token_id").asText());
        assertEquals("192.0.2.7", line.get("remote_addr").asText());
        assertTrue(line.get("details").get("after").get("disabled").asBoolean(), lines.get(0));
        assertTrue(!lines.get(0).contains("\n"), "one line");
    }

    @Test
    void theRetentionDeletesOnlyTheEventsOlderThanItKeeps() throws Exception {
        try (Connection connection = database.getConnection()) {
            for (Instant at : List.of(T0.minus(Duration.ofDays(91)), T0.minus(Duration.ofDays(90)).minusSeconds(1),
                    T0.minus(Duration.ofDays(89)), T0.minusSeconds(5))) {
                writer.time = () -> at;
                writer.write(connection, token, AuditAction.JOB_RUN, "ping", AuditEvent.Outcome.ALLOWED, Map.of());
            }
        }
        AuditRetention retention = new AuditRetention();
        retention.jdbc = MigratedH2.jdbcOn(database);
        retention.settings = Settings.of(Map.of());
        retention.readSettings();

        assertEquals(2, retention.prune(T0, Instant.now().plusSeconds(5)), "the default keeps 90 days");
        assertEquals(2, count());
        assertEquals(0, retention.prune(T0, Instant.now().plusSeconds(5)));

        retention.settings = Settings.of(Map.of("pendule.audit.keep.for", "24h"));
        retention.readSettings();
        assertEquals(1, retention.prune(T0, Instant.now().plusSeconds(5)), "PENDULE_AUDIT_KEEP_FOR=24h");
        assertEquals(1, count());
    }

    private static long count() throws SQLException {
        try (Connection connection = database.getConnection()) {
            return Jdbc.query(connection, "SELECT COUNT(*) FROM audit_event", p -> {
            }, rs -> rs.getLong(1)).get(0);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
