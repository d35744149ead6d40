package io.pendule.jobs.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.RunFinished;
import io.pendule.database.control.Jdbc;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Dkron's ephemeral jobs: a run whose final outcome is success deletes its job, with its executions (the
 * foreign keys cascade). Not after a failure, and not while other jobs name it (parent_job, depends_on,
 * requires): those would lose what they run after, so the job stays and the reason is logged. Nor while another run
 * of the job is queued or running: its result (or its retry) would have no job to be written to; the next success
 * deletes it. Observes last, after the notifications and whatever else reads the job.
 */
@ApplicationScoped
public class EphemeralJobs {

    private static final Logger LOG = Logger.getLogger(EphemeralJobs.class.getName());
    private static final String LOCK = "SELECT ephemeral FROM job WHERE name = ? FOR UPDATE";
    private static final String DEPENDENTS = "SELECT job_name FROM job_upstream WHERE upstream_name = ? ORDER BY job_name";
    private static final String UNFINISHED = "SELECT COUNT(*) FROM execution WHERE job_name = ? AND status IN ("
            + Arrays.stream(ExecutionStatus.values()).filter(s -> !s.finished()).map(s -> "'" + s.code() + "'")
            .collect(Collectors.joining(", ")) + ")";
    private static final String DELETE = "DELETE FROM job WHERE name = ?";

    @Inject
    Jdbc jdbc;

    void on(@Observes @Priority(RunFinished.DELETE_EPHEMERAL) RunFinished finished) {
        if (!finished.succeeded() || !finished.followUps().ephemeral()) {
            return;
        }
        // a failure is tried again (executions.control.RunOutcomes): deleting twice is deleting once
        jdbc.inTransaction(connection -> deleteIfEphemeral(connection, finished));
    }

    private static Void deleteIfEphemeral(Connection connection, RunFinished finished) throws SQLException {
        String job = finished.jobName();
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, job);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return null;
                }
            }
        }
        List<String> dependents = dependentsOf(connection, job);
        if (!dependents.isEmpty()) {
            LOG.info(() -> "Ephemeral job " + job + " is kept after its successful execution " + finished.executionId()
                    + ": jobs " + dependents + " depend on it");
            return null;
        }
        long unfinished = unfinishedRuns(connection, job);
        if (unfinished > 0) {
            LOG.info(() -> "Ephemeral job " + job + " is kept after its successful execution " + finished.executionId()
                    + ": " + unfinished + " of its runs are still queued or running");
            return null;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setString(1, job);
            delete.executeUpdate();
        }
        LOG.info(() -> "Ephemeral job " + job + " deleted after its successful execution " + finished.executionId());
        return null;
    }

    private static long unfinishedRuns(Connection connection, String job) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(UNFINISHED)) {
            count.setString(1, job);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> dependentsOf(Connection connection, String job) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(DEPENDENTS)) {
            select.setString(1, job);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
