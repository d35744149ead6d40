package io.pendule.database.control;

import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.Trigger;
import io.pendule.workflows.entity.RunOnStart;
import io.pendule.workflows.entity.TriggerRule;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The CHECK constraints of V15 (embedded H2 in PostgreSQL mode, with the real migrations): every code of the
 * enums is accepted, before and after them, and anything else is refused.
 */
class PolicyChecksTest {

    /** The job columns and the codes of their enums. */
    private static final Map<String, List<String>> JOB_CODES = Map.of(
            "concurrency", Concurrency.codes(),
            "misfire_policy", MisfirePolicy.Kind.codes(),
            "trigger_rule", TriggerRule.codes(),
            "run_on_start", RunOnStart.codes());
    private static final List<String> STATUSES = Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::code).toList();
    private static final List<String> TRIGGERS = Arrays.stream(Trigger.values()).map(Trigger::code).toList();

    private static JdbcDataSource database(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static void job(Connection connection, String name, String column, String code) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO job (name, " + column + ", created_at, updated_at) VALUES (?, ?, NOW(), NOW())")) {
            insert.setString(1, name);
            insert.setString(2, code);
            insert.executeUpdate();
        }
    }

    private static void execution(Connection connection, long id, String status, String trigger, String concurrency)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO execution (id, job_name, group_id, "
                + "trigger, status, scheduled_at, created_at, not_before, concurrency) VALUES (?, 'a', ?, ?, ?, NOW(), NOW(), NOW(), ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, id);
            insert.setString(3, trigger);
            insert.setString(4, status);
            insert.setString(5, concurrency);
            insert.executeUpdate();
        }
    }

    /** A job with the columns' defaults, one job per code of each policy, one execution per status, trigger, concurrency. */
    private static void everyCode(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO job (name, created_at, updated_at) VALUES ('a', NOW(), NOW())");
        }
        for (var column : JOB_CODES.entrySet()) {
            for (String code : column.getValue()) {
                job(connection, column.getKey() + "-" + code.replace('_', '-'), column.getKey(), code);
            }
        }
        long id = 1000;
        for (String status : STATUSES) {
            execution(connection, id++, status, Trigger.SCHEDULE.code(), null);
        }
        for (String trigger : TRIGGERS) {
            execution(connection, id++, ExecutionStatus.QUEUED.code(), trigger, null);
        }
        for (String concurrency : Concurrency.codes()) {
            execution(connection, id++, ExecutionStatus.QUEUED.code(), Trigger.API.code(), concurrency);
        }
    }

    @Test
    void rowsHoldingEveryCodeOfTheEnumsPassTheMigrationAndCanStillBeWritten() throws SQLException {
        JdbcDataSource before = database("codes-before");
        Database.migrations(before).target("14").load().migrate();
        try (Connection connection = before.getConnection()) {
            everyCode(connection);
        }
        assertEquals(1, Database.migrations(before).target("15").load().migrate().migrationsExecuted, "V15 applies to them");

        JdbcDataSource after = database("codes-after");
        Database.migrations(after).load().migrate();
        try (Connection connection = after.getConnection()) {
            everyCode(connection);
        }
    }

    @Test
    void anyOtherCodeIsRefused() throws SQLException {
        JdbcDataSource dataSource = database("codes-refused");
        Database.migrations(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            job(connection, "a", "concurrency", "allow");
            for (String column : JOB_CODES.keySet()) {
                assertThrows(SQLException.class, () -> job(connection, "bad", column, "sometimes"), column);
                String upperCase = JOB_CODES.get(column).get(0).toUpperCase();
                assertThrows(SQLException.class, () -> job(connection, "bad", column, upperCase), column + " " + upperCase);
            }
            assertThrows(SQLException.class, () -> execution(connection, 1, "done", "api", null), "status");
            assertThrows(SQLException.class, () -> execution(connection, 2, "queued", "cron", null), "trigger");
            assertThrows(SQLException.class, () -> execution(connection, 3, "queued", "api", ""), "concurrency");
        }
    }
}
