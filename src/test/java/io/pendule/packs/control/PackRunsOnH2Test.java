package io.pendule.packs.control;

import io.pendule.database.control.MigratedH2;
import io.pendule.packs.entity.PackRun;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The matrix's board on H2 with the real migrations (V27's target), in its one statement: the pack jobs by pack (a job
 * whose config names no pack, or another executor's, is none), and the last execution of each pack on each endpoint,
 * whichever of the pack's jobs ran it; executions without a target (a run skipped before fanning out) are no cell's.
 */
class PackRunsOnH2Test {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static JdbcDataSource database;
    private final PackRuns runs = new PackRuns();
    private long ids = 1000;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("packruns");
    }

    @BeforeEach
    void empty() throws SQLException {
        runs.dataSource = database;
        PacksOnH2.sql(database, "DELETE FROM execution");
        PacksOnH2.sql(database, "DELETE FROM job");
    }

    @Test
    void theLastRunOfEachPackOnEachEndpointWhicheverJobRanIt() throws SQLException {
        PacksOnH2.job(database, "basic-nightly", "pack", "{\"pack\":\"basic\",\"type\":\"metric\"}");
        PacksOnH2.job(database, "basic-hourly", "pack", "{\"pack\":\"basic\"}");
        PacksOnH2.job(database, "rules-daily", "pack", "{\"pack\":\"basic-rules\",\"type\":\"rule\"}");
        PacksOnH2.job(database, "no-pack", "pack", "{\"type\":\"metric\"}");
        PacksOnH2.job(database, "shell", "shell", "{\"command\":\"true\",\"pack\":\"basic\"}");
        execution("basic-nightly", "db1", "succeeded", T0, T0.plusSeconds(2));
        execution("basic-nightly", "db1", "failed", T0.plusSeconds(60), T0.plusSeconds(65));
        execution("basic-hourly", "db1", "succeeded", T0.plusSeconds(30), T0.plusSeconds(31));
        execution("basic-hourly", "db2", "running", T0.plusSeconds(90), null);
        execution("basic-nightly", "", "skipped", T0.plusSeconds(120), T0.plusSeconds(120));
        execution("shell", "db1", "succeeded", T0.plusSeconds(200), T0.plusSeconds(201));

        PackRuns.Board board = runs.board();
        assertEquals(Map.of("basic", List.of("basic-hourly", "basic-nightly"), "basic-rules", List.of("rules-daily")), board.jobsByPack());
        PackRun db1 = board.last("basic", "db1").orElseThrow();
        assertEquals(List.of("basic-nightly", "failed", T0.plusSeconds(65)), List.of(db1.job(), db1.status(), db1.at()), "the latest of both jobs");
        assertEquals(Optional.of(Duration.ofSeconds(5)), db1.took(T0.plusSeconds(600)));
        PackRun db2 = board.last("basic", "db2").orElseThrow();
        assertEquals("running", db2.status());
        assertEquals(Optional.of(Duration.ofSeconds(30)), db2.took(T0.plusSeconds(120)), "running for as long as it has");
        assertEquals(Optional.empty(), board.last("basic-rules", "db1"), "a job that never ran");
        assertEquals(2, board.lastRuns().size(), "the shell job's and the untargeted executions are no cell's");
    }

    @Test
    void noPackJobIsAnEmptyBoard() throws SQLException {
        PacksOnH2.job(database, "shell", "shell", "{\"command\":\"true\"}");
        assertEquals(new PackRuns.Board(Map.of(), Map.of()), runs.board());
    }

    private void execution(String job, String target, String status, Instant started, Instant finished) throws SQLException {
        long id = ids++;
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO execution (id, job_name, group_id, trigger, status, scheduled_at, created_at, not_before, started_at,"
                        + " finished_at, target) VALUES (?, ?, ?, 'schedule', ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, job);
            insert.setLong(3, id);
            insert.setString(4, status);
            insert.setTimestamp(5, Timestamp.from(started));
            insert.setTimestamp(6, Timestamp.from(started));
            insert.setTimestamp(7, Timestamp.from(started));
            insert.setTimestamp(8, Timestamp.from(started));
            insert.setTimestamp(9, finished == null ? null : Timestamp.from(finished));
            insert.setString(10, target);
            insert.executeUpdate();
        }
    }
}
