package io.pendule.workflows.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.clock.control.Clock;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Trigger;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Settings;
import io.pendule.database.control.SqlTime;
import io.pendule.workflows.entity.RunOnStart;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start-up runs (run_on_start): when a worker node starts, it queues a run of each enabled job marked {@code always},
 * and of each marked {@code if_never_succeeded} that has never succeeded and has no run queued or running. Nodes
 * starting together must not run a job once each: a node queues a job's start-up run only if no node has queued one
 * within {@link Settings#startupRunWindow()}, which the database decides (a conditional update or insert of the
 * job's job_startup_run row, in the transaction that queues the run).
 */
@Singleton
@Startup
@DependsOn({"Database", "NodeHeartbeat"})
@TransactionManagement(TransactionManagementType.BEAN)
public class StartupRuns {

    private static final Logger LOG = Logger.getLogger(StartupRuns.class.getName());

    private static final String CANDIDATES = "SELECT j.name, j.run_on_start, s.last_success FROM job j "
            + "LEFT JOIN job_stats s ON s.job_name = j.name WHERE j.run_on_start <> '" + RunOnStart.NEVER.code() + "' "
            + "AND j.disabled = FALSE ORDER BY j.name";
    private static final String IN_PROGRESS = "SELECT 1 FROM execution WHERE job_name = ? "
            + "AND status IN (" + ExecutionStatus.UNFINISHED_LITERALS + ")";
    private static final String TAKE_AGAIN = "UPDATE job_startup_run SET queued_at = ? WHERE job_name = ? AND queued_at < ?";
    private static final String TAKE_FIRST = "INSERT INTO job_startup_run (job_name, queued_at) VALUES (?, ?) ON CONFLICT DO NOTHING";

    private record Candidate(String job, boolean onlyUntilSuccess, boolean succeeded) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    ExecutionQueue queue;
    @Inject
    Clock clock;
    @Inject
    Settings settings;

    @PostConstruct
    void queueStartupRuns() {
        if (!settings.hasRole("worker")) {
            return;
        }
        try {
            List<String> queued = new ArrayList<>();
            for (Candidate candidate : candidates()) {
                if (!(candidate.onlyUntilSuccess() && candidate.succeeded()) && queueIfFirst(candidate)) {
                    queued.add(candidate.job());
                }
            }
            if (!queued.isEmpty()) {
                clock.wakeUp();
                LOG.info(() -> "Start-up runs queued: " + queued);
            }
        } catch (RuntimeException e) {
            // the node must start even if it cannot: the jobs still run on their schedules
            LOG.log(Level.SEVERE, "Could not queue the start-up runs", e);
        }
    }

    private List<Candidate> candidates() {
        return jdbc.inTransaction(connection -> {
            List<Candidate> candidates = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(CANDIDATES);
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getString("name"), RunOnStart.IF_NEVER_SUCCEEDED.code().equals(rs.getString("run_on_start")),
                            SqlTime.get(rs, "last_success") != null));
                }
            }
            return candidates;
        });
    }

    /** Queues the job's start-up run unless another node has queued one within the window; in one transaction. */
    private boolean queueIfFirst(Candidate candidate) {
        Instant now = time.instant();
        Duration window = settings.startupRunWindow();
        return jdbc.inTransaction(connection -> {
            if (candidate.onlyUntilSuccess() && inProgress(connection, candidate.job())) {
                return false;
            }
            if (!takeTurn(connection, candidate.job(), now, window)) {
                return false;
            }
            queue.queue(connection, candidate.job(), Trigger.STARTUP);
            return true;
        });
    }

    /** Two nodes taking the same job's turn: the second waits for the first's row lock, then finds it too recent. */
    private static boolean takeTurn(Connection connection, String job, Instant now, Duration window) throws SQLException {
        try (PreparedStatement again = connection.prepareStatement(TAKE_AGAIN)) {
            SqlTime.set(again, 1, now);
            again.setString(2, job);
            SqlTime.set(again, 3, now.minus(window));
            if (again.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement first = connection.prepareStatement(TAKE_FIRST)) {
            first.setString(1, job);
            SqlTime.set(first, 2, now);
            return first.executeUpdate() == 1;
        }
    }

    private static boolean inProgress(Connection connection, String job) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(IN_PROGRESS)) {
            select.setString(1, job);
            select.setMaxRows(1);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }
}
