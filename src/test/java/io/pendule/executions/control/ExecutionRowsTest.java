package io.pendule.executions.control;

import io.pendule.database.control.MigratedH2;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executions.entity.Trigger;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import io.pendule.executors.entity.RunningOutput;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every transition of an execution row, on in-memory H2 (PostgreSQL mode) with the real migrations: what each one
 * writes, and the rows it refuses to touch.
 */
class ExecutionRowsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);
    /** The process incarnation of node n1 that claims the runs. */
    private static final String N1 = "incarnation-of-n1";

    private static JdbcDataSource database;
    private Connection connection;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("execution-rows");
    }

    /** Each test works in a transaction of its own, rolled back after it. */
    @BeforeEach
    void twoJobs() throws SQLException {
        connection = database.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO job (name, created_at, updated_at) VALUES ('a', NOW(), NOW()), ('b', NOW(), NOW())");
        }
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
        connection.close();
    }

    /** The columns a test looks at, of one row. */
    private record Row(String status, String trigger, long groupId, int attempt, Instant scheduledAt, Instant fireAt,
                       Instant notBefore, String node, String incarnation, Instant startedAt, Instant finishedAt,
                       Integer exitCode, String stdout, String error, Instant cancelRequestedAt, Long dependencyGroup,
                       String concurrency) {
    }

    private Optional<Row> row(long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM execution WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString("status"), rs.getString("trigger"), rs.getLong("group_id"),
                        rs.getInt("attempt"), SqlTime.get(rs, "scheduled_at"), SqlTime.get(rs, "fire_at"),
                        SqlTime.get(rs, "not_before"), rs.getString("node_name"), rs.getString("incarnation"),
                        SqlTime.get(rs, "started_at"), SqlTime.get(rs, "finished_at"), rs.getObject("exit_code", Integer.class),
                        rs.getString("stdout"), rs.getString("error"), SqlTime.get(rs, "cancel_requested_at"),
                        rs.getObject("dependency_group", Long.class), rs.getString("concurrency")));
            }
        }
    }

    private Row get(long id) throws SQLException {
        return row(id).orElseThrow();
    }

    private void queued(long id, String job) throws SQLException {
        assertTrue(ExecutionRows.insert(connection, NewExecution.queued(id, job, id, Trigger.API, T0, null, null)));
    }

    private void running(long id, String job, String node) throws SQLException {
        queued(id, job);
        assertArrayEquals(new boolean[] {true}, ExecutionRows.claim(connection, node, "incarnation-of-" + node, List.of(id)));
    }

    /** Running on n1, then succeeded. */
    private void finished(long id, String job) throws SQLException {
        running(id, job, "n1");
        assertArrayEquals(new boolean[] {true}, ExecutionRows.finish(connection, N1, List.of(succeeded(id))));
    }

    private static ExecutionRows.Finish succeeded(long id) {
        return new ExecutionRows.Finish(id, ExecutionStatus.SUCCEEDED, T1, T2,
                new ExecutionResult(Outcome.SUCCEEDED, 0, "done", "", false, null));
    }

    @Test
    void aFireIsInsertedOnceWhateverInsertsItAgain() throws SQLException {
        boolean[] inserted = ExecutionRows.insert(connection, List.of(NewExecution.fire(1, "a", T1, T0),
                NewExecution.fire(2, "a", T1, T0), NewExecution.fire(3, "b", T1, T0)));

        assertArrayEquals(new boolean[] {true, false, true}, inserted);
        Row fire = get(1);
        assertEquals(List.of("queued", "schedule", 1L, 1), List.of(fire.status(), fire.trigger(), fire.groupId(), fire.attempt()));
        assertEquals(List.of(T1, T1, T1), List.of(fire.scheduledAt(), fire.fireAt(), fire.notBefore()));
        assertNull(fire.node());
        assertNull(fire.incarnation());
        assertTrue(row(2).isEmpty());
    }

    @Test
    void aFannedOutFireIsInsertedOncePerTargetInOneGroup() throws SQLException {
        NewExecution run = NewExecution.fire(1, "a", T1, T0);
        boolean[] inserted = ExecutionRows.insert(connection, List.of(run.against(1, "db1"), run.against(2, "db2"),
                run.against(3, "db1")));

        assertArrayEquals(new boolean[] {true, true, false}, inserted);
        assertEquals(List.of(1L, 1L), List.of(get(1).groupId(), get(2).groupId()));
        assertEquals(List.of("db1", "db2"), List.of(target(1), target(2)));
        assertFalse(ExecutionRows.insert(connection, NewExecution.fire(4, "a", T1, T0).against(4, "db2")));
    }

    @Test
    void aDependentRunIsQueuedOncePerRunGroupAndTarget() throws SQLException {
        NewExecution run = NewExecution.queued(1, "a", 7, Trigger.DEPENDENCY, T0, 7L, null);
        assertTrue(ExecutionRows.insert(connection, run.against(1, "db1")));
        assertTrue(ExecutionRows.insert(connection, run.against(2, "db2")));
        assertFalse(ExecutionRows.insert(connection, run.against(3, "db1")));
    }

    @Test
    void theOthersOfARunAgainstATargetAreThoseAgainstTheSameTarget() throws SQLException {
        ExecutionRows.insert(connection, NewExecution.fire(1, "a", T0, T0).against(1, "db1").runningOn("n1", N1));
        ExecutionRows.insert(connection, NewExecution.fire(2, "a", T0, T0).against(2, "db2").runningOn("n1", N1));
        ExecutionRows.markStarted(connection, List.of(new ExecutionRows.Start(1, T0), new ExecutionRows.Start(2, T0)));
        ExecutionRows.insert(connection, NewExecution.fire(3, "a", T1, T0).against(3, "db1").runningOn("n1", N1));

        assertEquals(Optional.of(1L), ExecutionRows.otherRunning(connection, "a", "db1", 3, T1));
        assertEquals(Optional.empty(), ExecutionRows.otherRunning(connection, "a", "db3", 3, T1));
        assertEquals(2, ExecutionRows.targetsRunning(connection, "a", 3));
        assertEquals(1, ExecutionRows.targetsRunning(connection, "a", 1));
    }

    @Test
    void aRunWithNothingToRunAgainstIsRecordedSkippedWithWhy() throws SQLException {
        ExecutionRows.insert(connection, NewExecution.fire(1, "a", T1, T0).skipped(T0, "skipped: no endpoint"));

        Row skipped = get(1);
        assertEquals(List.of("skipped", T0, "skipped: no endpoint"), List.of(skipped.status(), skipped.finishedAt(), skipped.error()));
    }

    private String target(long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT target FROM execution WHERE id = ?")) {
            select.setLong(1, id);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aFireClaimedByTheNodeThatFiresItIsInsertedRunningThereUnderItsIncarnation() throws SQLException {
        assertTrue(ExecutionRows.insert(connection, NewExecution.fire(1, "a", T1, T0).runningOn("n1", N1)));

        Row fire = get(1);
        assertEquals(List.of("running", "n1", N1), List.of(fire.status(), fire.node(), fire.incarnation()));
    }

    @Test
    void aMissedFireIsFinishedWithItsReason() throws SQLException {
        ExecutionRows.insert(connection, List.of(NewExecution.missed(1, "a", T0, T2, "missed: fire_once")));

        Row missed = get(1);
        assertEquals(List.of("missed", T0, T2, "missed: fire_once"),
                List.of(missed.status(), missed.fireAt(), missed.finishedAt(), missed.error()));
    }

    @Test
    void aDependentRunIsQueuedOncePerRunGroupWithThePolicyItWasQueuedWith() throws SQLException {
        assertTrue(ExecutionRows.insert(connection, NewExecution.queued(1, "a", 7, Trigger.DEPENDENCY, T0, 7L, Concurrency.FORBID)));
        assertFalse(ExecutionRows.insert(connection, NewExecution.queued(2, "a", 7, Trigger.DEPENDENCY, T0, 7L, null)));

        Row run = get(1);
        assertEquals(List.of("queued", "dependency", 7L, 7L, "forbid", T0),
                List.of(run.status(), run.trigger(), run.groupId(), run.dependencyGroup(), run.concurrency(), run.notBefore()));
        assertNull(run.fireAt());
    }

    @Test
    void aRetryIsTheNextAttemptInItsGroupWaitingForItsDelay() throws SQLException {
        ExecutionRows.insert(connection, List.of(NewExecution.retry(2, "a", 1, 2, "", T2, T0)));

        Row retry = get(2);
        assertEquals(List.of("queued", "retry", 1L, 2, T2, T2),
                List.of(retry.status(), retry.trigger(), retry.groupId(), retry.attempt(), retry.scheduledAt(), retry.notBefore()));
    }

    @Test
    void aStartIsWrittenOnceAndOnlyOnARunningRow() throws SQLException {
        queued(1, "a");
        running(2, "a", "n1");

        assertArrayEquals(new boolean[] {false, true}, ExecutionRows.markStarted(connection,
                List.of(new ExecutionRows.Start(1, T1), new ExecutionRows.Start(2, T1))));
        assertArrayEquals(new boolean[] {false}, ExecutionRows.markStarted(connection, List.of(new ExecutionRows.Start(2, T2))));

        assertNull(get(1).startedAt());
        assertEquals(T1, get(2).startedAt());
    }

    @Test
    void runsDecidedTogetherAreStartedInOneStatementAndARunTakenAwayIsToldApart() throws SQLException {
        running(1, "a", "n1");
        running(2, "b", "n1");
        running(3, "a", "n2");
        queued(4, "b");

        assertArrayEquals(new boolean[] {true, true}, ExecutionRows.markStartedIfHeld(connection, List.of(1L, 2L), N1, T1));
        assertArrayEquals(new boolean[] {true, false, false}, ExecutionRows.markStartedIfHeld(connection, List.of(1L, 3L, 4L), N1, T1),
                "held by another incarnation, or not running: not started");
        assertArrayEquals(new boolean[0], ExecutionRows.markStartedIfHeld(connection, List.of(), N1, T1));

        assertEquals(List.of(T1, T1), List.of(get(1).startedAt(), get(2).startedAt()));
        assertNull(get(3).startedAt());
        assertNull(get(4).startedAt());
    }

    @Test
    void aResultIsWrittenOverARunningRowOnly() throws SQLException {
        running(1, "a", "n1");
        running(2, "a", "n1");
        ExecutionRows.orphan(connection, T1, List.of(new ExecutionRows.Orphan(2, ExecutionStatus.ORPHANED, "lease expired")));

        boolean[] written = ExecutionRows.finish(connection, N1, List.of(succeeded(1), succeeded(2)));

        assertArrayEquals(new boolean[] {true, false}, written);
        Row finished = get(1);
        assertEquals(List.of("succeeded", T1, T2, 0, "done"),
                List.of(finished.status(), finished.startedAt(), finished.finishedAt(), finished.exitCode(), finished.stdout()));
        Row orphaned = get(2);
        assertEquals(List.of("orphaned", T1, "lease expired"), List.of(orphaned.status(), orphaned.finishedAt(), orphaned.error()));
        assertNull(orphaned.exitCode());
    }

    @Test
    void onlyRunningRowsAreOrphaned() throws SQLException {
        queued(1, "a");
        running(2, "a", "n1");

        boolean[] orphaned = ExecutionRows.orphan(connection, T1, List.of(
                new ExecutionRows.Orphan(1, ExecutionStatus.ORPHANED, "lost"),
                new ExecutionRows.Orphan(2, ExecutionStatus.CANCELLED, "cancelled by request (lost)")));

        assertArrayEquals(new boolean[] {false, true}, orphaned);
        assertEquals("queued", get(1).status());
        assertEquals(List.of("cancelled", "cancelled by request (lost)"), List.of(get(2).status(), get(2).error()));
    }

    @Test
    void outputIsWrittenOverARunningRowOnly() throws SQLException {
        running(1, "a", "n1");
        finished(2, "a");

        ExecutionRows.writeOutput(connection, Map.of(1L, new RunningOutput.Snapshot("so far", "", false),
                2L, new RunningOutput.Snapshot("late", "", false)));

        assertEquals("so far", get(1).stdout());
        assertEquals("done", get(2).stdout());
    }

    @Test
    void aQueuedRunIsCancelledAtOnceAndARunningOneIsAskedToStopOnce() throws SQLException {
        queued(1, "a");
        running(2, "a", "n1");
        finished(3, "a");

        assertTrue(ExecutionRows.cancelQueued(connection, 1, T1, "cancelled by request"));
        assertFalse(ExecutionRows.cancelQueued(connection, 2, T1, "cancelled by request"));
        assertTrue(ExecutionRows.requestCancel(connection, 2, T1));
        assertTrue(ExecutionRows.requestCancel(connection, 2, T2));
        assertFalse(ExecutionRows.requestCancel(connection, 3, T1));

        assertEquals(List.of("cancelled", T1, "cancelled by request"), List.of(get(1).status(), get(1).finishedAt(), get(1).error()));
        assertEquals(List.of("running", T1), List.of(get(2).status(), get(2).cancelRequestedAt()));
        assertTrue(ExecutionRows.cancelRequested(connection, 2));
        assertFalse(ExecutionRows.cancelRequested(connection, 3));
        assertNull(get(3).cancelRequestedAt());
    }

    @Test
    void theOthersOfARunAreTheJobsRunsStartedOrClaimedBeforeIt() throws SQLException {
        running(1, "a", "n1");
        ExecutionRows.markStarted(connection, List.of(new ExecutionRows.Start(1, T0)));
        running(2, "a", "n2");
        running(3, "a", "n1");
        running(4, "b", "n1");
        ExecutionRows.markStarted(connection, List.of(new ExecutionRows.Start(4, T0)));
        queued(5, "a");

        assertEquals(Optional.of(1L), ExecutionRows.otherRunning(connection, "a", "", 2, T1));
        assertEquals(1, ExecutionRows.requestCancelOfOthers(connection, "a", "", 2, T1));
        assertEquals(1, ExecutionRows.requestCancelOfOthers(connection, "a", "", 3, T1));

        assertEquals(T1, get(1).cancelRequestedAt());
        assertEquals(T1, get(2).cancelRequestedAt());
        assertNull(get(3).cancelRequestedAt());
        assertNull(get(4).cancelRequestedAt());
        assertNull(get(5).cancelRequestedAt());
        assertEquals(Optional.empty(), ExecutionRows.otherRunning(connection, "b", "", 4, T1));
    }

    @Test
    void aResultIsWrittenByTheIncarnationHoldingTheRunOnly() throws SQLException {
        running(1, "a", "n1");
        running(2, "a", "n2");

        boolean[] written = ExecutionRows.finish(connection, N1, List.of(succeeded(1), succeeded(2)));

        assertArrayEquals(new boolean[] {true, false}, written, "a zombie's result is dropped");
        assertEquals("succeeded", get(1).status());
        assertEquals(List.of("running", "incarnation-of-n2"), List.of(get(2).status(), get(2).incarnation()));
    }

    @Test
    void clearingAHistoryKeepsTheRunsNotOverAndDeletingTakesTheRowsNamed() throws SQLException {
        queued(1, "a");
        running(2, "a", "n1");
        finished(3, "a");
        ExecutionRows.insert(connection, List.of(NewExecution.missed(4, "a", T0, T0, "missed"),
                NewExecution.missed(5, "b", T0, T0, "missed"), NewExecution.missed(6, "b", T1, T0, "missed")));

        try (PreparedStatement clear = connection.prepareStatement(ExecutionRows.CLEAR_HISTORY)) {
            clear.setString(1, "a");
            assertEquals(2, clear.executeUpdate());
        }
        ExecutionRows.delete(connection, List.of(5L));

        assertEquals(List.of(true, true, false, false, false, true),
                List.of(row(1).isPresent(), row(2).isPresent(), row(3).isPresent(), row(4).isPresent(), row(5).isPresent(),
                        row(6).isPresent()));
    }

    @Test
    void aNulCharacterInAnOutputOrErrorIsStoredAsAReplacementCharacter() throws SQLException {
        running(1, "a", "n1");
        running(2, "a", "n1");
        ExecutionRows.writeOutput(connection, Map.of(2L, new RunningOutput.Snapshot("x\0y", "", false)));
        assertEquals("x\uFFFDy", get(2).stdout());

        ExecutionRows.finish(connection, N1, List.of(new ExecutionRows.Finish(1, ExecutionStatus.FAILED, T1, T2,
                new ExecutionResult(Outcome.FAILED, 1, "a\0b\0", "", false, "unexpected body \0"))));

        assertEquals(List.of("a\uFFFDb\uFFFD", "unexpected body \uFFFD"), List.of(get(1).stdout(), get(1).error()));
    }
}
