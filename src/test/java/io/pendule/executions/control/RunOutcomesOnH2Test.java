package io.pendule.executions.control;

import io.pendule.database.control.MigratedH2;
import io.pendule.database.control.Jdbc;
import io.pendule.executions.entity.FollowUps;
import io.pendule.executions.entity.RunFinished;
import io.pendule.platform.Settings;
import jakarta.enterprise.event.Event;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The outbox of what follows runs (RunOutcomes over FollowUpRows), on in-memory H2 with the real migrations: a row
 * written with the outcome is announced once per kind, deleted when all are done, a failed kind is tried again after
 * its backoff (and only that kind), a row another node holds is skipped, and a row failing every time is given up.
 */
class RunOutcomesOnH2Test {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final FollowUps NOTIFY_AND_DOWNSTREAM = new FollowUps(true, true, false);
    private static JdbcDataSource database;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    /** The kinds announced, in order: "notify 1", "downstream 1", "ephemeral 1" (execution id 1). */
    private final List<String> announced = new ArrayList<>();
    /** Kinds whose observer fails while it matches. */
    private Predicate<String> failing = kind -> false;
    private RunOutcomes outcomes;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("run-outcomes");
    }

    @BeforeEach
    void oneFinishedRun() throws Exception {
        outcomes = new RunOutcomes();
        outcomes.jdbc = MigratedH2.jdbcOn(database);
        outcomes.time = now::get;
        outcomes.settings = Settings.of(Map.of("pendule.node.name", "node-a"));
        outcomes.executor = Runnable::run;
        outcomes.event = standIn(Event.class, "fire", args -> {
            RunFinished finished = (RunFinished) args[0];
            String kind = (finished.followUps().notifies() ? "notify" : "") + (finished.followUps().downstream() ? "downstream" : "")
                    + (finished.followUps().ephemeral() ? "ephemeral" : "") + " " + finished.executionId();
            if (failing.test(kind)) {
                throw new IllegalStateException("receiver down for " + kind);
            }
            announced.add(kind);
            return null;
        });
        // all three follow job a's runs: it notifies, a child runs after it, and it is ephemeral
        sql("INSERT INTO job (name, created_at, updated_at, ephemeral, notifications) VALUES ('a', NOW(), NOW(), TRUE, '[]')");
        sql("INSERT INTO job (name, created_at, updated_at, parent_job) VALUES ('child', NOW(), NOW(), 'a')");
        sql("INSERT INTO job (name, created_at, updated_at, notifications) VALUES ('noted', NOW(), NOW(), '[]')");
        sql("INSERT INTO job (name, created_at, updated_at) VALUES ('plain', NOW(), NOW())");
        execution(1, "a");
    }

    @AfterEach
    void empty() throws SQLException {
        sql("DELETE FROM job WHERE parent_job IS NOT NULL");
        sql("DELETE FROM job");
    }

    @Test
    void anOutcomeIsAnnouncedOncePerKindInTheContractsOrderThenItsRowIsDeleted() throws SQLException {
        write(1, new FollowUps(true, true, true));
        assertEquals(1, outcomes.followDue());
        assertEquals(List.of("notify 1", "downstream 1", "ephemeral 1"), announced);
        assertEquals(0, rows());
        assertEquals(0, outcomes.followDue());
        assertEquals(3, announced.size());
    }

    @Test
    void aFailedKindIsTriedAgainAfterItsBackoffAloneAndTheEphemeralDeletionWaitsForIt() throws SQLException {
        write(1, new FollowUps(true, true, true));
        failing = "notify 1"::equals;
        outcomes.followDue();
        assertEquals(List.of("downstream 1"), announced);
        assertEquals(1, rows());
        assertEquals(0, outcomes.followDue(), "not due before its backoff");
        now.set(T0.plus(RunOutcomes.backoff(1)).minusMillis(1));
        assertEquals(0, outcomes.followDue(), "not due before its backoff");
        failing = kind -> false;
        now.set(T0.plus(RunOutcomes.backoff(1)));
        assertEquals(1, outcomes.followDue());
        assertEquals(List.of("downstream 1", "notify 1", "ephemeral 1"), announced);
        assertEquals(0, rows());
    }

    @Test
    void theLastErrorStaysOnTheRowWhileItWaits() throws SQLException {
        write(1, NOTIFY_AND_DOWNSTREAM);
        failing = "notify 1"::equals;
        outcomes.followDue();
        assertEquals("receiver down for notify 1", MigratedH2.jdbcOn(database).inTransaction(c -> Jdbc.query(c,
                "SELECT last_error FROM follow_up WHERE execution_id = 1", p -> {
                }, rs -> rs.getString(1))).get(0));
    }

    @Test
    void aRowAnotherNodeHoldsIsSkippedAndOneItTookIsLeftAloneUntilItsTakerIsPresumedDead() throws SQLException {
        write(1, NOTIFY_AND_DOWNSTREAM);
        try (Connection other = database.getConnection()) {
            other.setAutoCommit(false);
            assertEquals(1, FollowUpRows.claim(other, T0, T0.plus(RunOutcomes.TAKEN_FOR), 10).size());
            assertEquals(0, outcomes.followDue(), "locked by the other node's claim: skipped, not waited for");
            other.commit();
        }
        now.set(T0.plus(RunOutcomes.TAKEN_FOR).minusSeconds(1));
        assertEquals(0, outcomes.followDue(), "the other node is following it");
        now.set(T0.plus(RunOutcomes.TAKEN_FOR));
        assertEquals(1, outcomes.followDue(), "the other node died with it");
        assertEquals(List.of("notify 1", "downstream 1"), announced);
        assertEquals(0, rows());
    }

    @Test
    void aRowFailingEveryTimeIsGivenUpAfterItsLastAttemptAndStaysVisible() throws SQLException {
        write(1, NOTIFY_AND_DOWNSTREAM);
        failing = "notify 1"::equals;
        for (int attempt = 1; attempt <= RunOutcomes.MAX_ATTEMPTS; attempt++) {
            assertEquals(1, outcomes.followDue(), "attempt " + attempt);
            now.set(now.get().plus(RunOutcomes.backoff(attempt)));
        }
        now.set(now.get().plus(Duration.ofDays(1)));
        assertEquals(0, outcomes.followDue());
        assertEquals(List.of("downstream 1"), announced, "the kind that succeeded is not done again");
        assertEquals(1, rows("next_attempt_at IS NULL AND notifies AND NOT downstream AND last_error IS NOT NULL"),
                "given up, its row stays with what is left and why");
    }

    @Test
    void whatFollowsAnOrphanedOrCancelledRunIsLookedUpWithItsJob() throws SQLException {
        execution(2, "noted");
        execution(3, "plain");
        write(2, FollowUps.UNKNOWN);
        write(3, FollowUps.UNKNOWN);
        assertEquals(1, rows(), "nothing follows the plain job's runs");
        outcomes.followDue();
        assertEquals(List.of("notify 2"), announced);
    }

    @Test
    void anOutcomeWrittenTwiceIsOneRow() throws SQLException {
        write(1, NOTIFY_AND_DOWNSTREAM);
        write(1, NOTIFY_AND_DOWNSTREAM);
        write(1, FollowUps.UNKNOWN);
        assertEquals(1, rows());
    }

    @Test
    void runsNothingFollowsWriteNoRow() throws SQLException {
        write(1, FollowUps.NONE);
        assertEquals(0, rows());
    }

    @Test
    void theRowGoesWithItsExecution() throws SQLException {
        write(1, NOTIFY_AND_DOWNSTREAM);
        sql("DELETE FROM execution WHERE id = 1");
        assertEquals(0, rows());
    }

    @Test
    void backoffDoublesFromFiveSecondsToFiveMinutes() {
        assertEquals(Duration.ofSeconds(5), RunOutcomes.backoff(1));
        assertEquals(Duration.ofSeconds(10), RunOutcomes.backoff(2));
        assertEquals(Duration.ofSeconds(160), RunOutcomes.backoff(6));
        assertEquals(Duration.ofMinutes(5), RunOutcomes.backoff(7));
        assertEquals(Duration.ofMinutes(5), RunOutcomes.backoff(40));
        assertFalse(RunOutcomes.backoff(1).isNegative());
    }

    private void write(long executionId, FollowUps followUps) {
        List<FollowUpRows.Pending> pending = List.of(new FollowUpRows.Pending(executionId, followUps));
        outcomes.jdbc.inTransaction(connection -> {
            outcomes.write(connection, pending);
            return null;
        });
    }

    private long rows() {
        return rows("TRUE");
    }

    private long rows(String condition) {
        return MigratedH2.jdbcOn(database).inTransaction(c -> Jdbc.query(c, "SELECT COUNT(*) FROM follow_up WHERE " + condition, p -> {
        }, rs -> rs.getLong(1)).get(0));
    }

    private static void execution(long id, String job) throws SQLException {
        sql("INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, created_at, not_before, "
                + "started_at, finished_at, exit_code) VALUES (" + id + ", '" + job + "', " + id + ", 1, 'api', 'succeeded', "
                + "NOW(), NOW(), NOW(), NOW(), NOW(), 0)");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); var s = connection.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T standIn(Class<T> type, String method, java.util.function.Function<Object[], Object> body) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, m, args) -> {
            if (m.getName().equals(method)) {
                return body.apply(args);
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }
}
