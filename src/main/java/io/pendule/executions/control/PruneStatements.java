package io.pendule.executions.control;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The statements that prune one job's history, in batches of at most {@link #BATCH} rows, one short transaction
 * each. Rows are taken with {@code FOR UPDATE SKIP LOCKED} and then deleted by id, so a pruner never waits for a
 * row lock: two nodes pruning the same job share its old rows between them instead of deadlocking. What goes is
 * decided from the newest rows ("older than the N-th newest"), which pruning never touches, so two nodes agree
 * on it and never delete more than the job's limit allows. Queued and running executions are never taken.
 */
@ApplicationScoped
public class PruneStatements {

    static final int BATCH = 500;

    /** The newest execution that falls out of a limit of N: the (N+1)-th newest. */
    private static final String FIRST_BEYOND = "SELECT scheduled_at, id FROM execution WHERE job_name = ? "
            + "ORDER BY scheduled_at DESC, id DESC LIMIT 1 OFFSET ?";
    private static final String OLDER_THAN_ROW = "SELECT id FROM execution WHERE job_name = ? "
            + "AND (scheduled_at < ? OR (scheduled_at = ? AND id <= ?)) "
            + "AND status NOT IN (" + ExecutionStatus.UNFINISHED_LITERALS + ") "
            + "ORDER BY scheduled_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";
    /** A run is scheduled before it finishes: the scheduled_at bound lets the job's history index find the rows. */
    private static final String FINISHED_BEFORE = "SELECT id FROM execution WHERE job_name = ? AND scheduled_at < ? "
            + "AND COALESCE(finished_at, scheduled_at) < ? AND status NOT IN (" + ExecutionStatus.UNFINISHED_LITERALS + ") "
            + "ORDER BY scheduled_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED";

    @Inject
    Jdbc jdbc;

    private record Cutoff(Instant scheduledAt, long id) {
    }

    /** Deletes the job's finished executions beyond its newest {@code keep}; answers how many went. */
    public int beyondNewest(String job, int keep, Instant deadline) {
        Optional<Cutoff> cutoff = jdbc.inTransaction(connection -> firstBeyond(connection, job, keep));
        if (cutoff.isEmpty()) {
            return 0;
        }
        return inBatches(deadline, connection -> Jdbc.query(connection, OLDER_THAN_ROW, select -> {
            select.setString(1, job);
            SqlTime.set(select, 2, cutoff.get().scheduledAt());
            SqlTime.set(select, 3, cutoff.get().scheduledAt());
            select.setLong(4, cutoff.get().id());
        }, PruneStatements::id));
    }

    /** Deletes the job's executions finished before {@code before}; answers how many went. */
    public int finishedBefore(String job, Instant before, Instant deadline) {
        return inBatches(deadline, connection -> Jdbc.query(connection, FINISHED_BEFORE, select -> {
            select.setString(1, job);
            SqlTime.set(select, 2, before);
            SqlTime.set(select, 3, before);
        }, PruneStatements::id));
    }

    private static Optional<Cutoff> firstBeyond(Connection connection, String job, int keep) throws SQLException {
        return Jdbc.query(connection, FIRST_BEYOND, select -> {
            select.setString(1, job);
            select.setInt(2, keep);
        }, rs -> new Cutoff(SqlTime.get(rs, 1), rs.getLong(2))).stream().findFirst();
    }

    private int inBatches(Instant deadline, Jdbc.Work<List<Long>> selectBatch) {
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.inTransaction(connection -> {
                List<Long> ids = selectBatch.apply(connection);
                ExecutionRows.delete(connection, ids);
                return ids.size();
            });
            deleted += batch;
        } while (batch == BATCH && Instant.now().isBefore(deadline));
        return deleted;
    }

    private static long id(ResultSet rs) throws SQLException {
        return rs.getLong(1);
    }
}
