package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * What the history pruner knows of each job's row count: the count when last brought up to date and the newest
 * scheduled time it covered. Bringing a job up to date counts only its rows scheduled after that time (an index range
 * of the runs since the previous pass), so a pass costs what ran since the last one, not what the history holds. A
 * job it does not know yet, or forgot, is counted whole once. Rows that arrive older than a job's newest (an import)
 * are not seen until everything is forgotten (HistoryPruner.RECOUNT_EVERY); deletes by other nodes make a count too
 * high, which costs one look for rows to prune that finds none, after which the job is counted again.
 */
final class HistorySizes {

    static final String ROWS_UP_TO = "SELECT COUNT(*) FROM execution WHERE job_name = ? AND scheduled_at <= ?";
    static final String ROWS_BETWEEN = "SELECT COUNT(*) FROM execution WHERE job_name = ? "
            + "AND scheduled_at > ? AND scheduled_at <= ?";

    private record Size(long rows, Instant newest) {
    }

    private final Map<String, Size> known = new HashMap<>();

    /**
     * A job is pruned once it holds more than a tenth over what it keeps, down to what it keeps: deletes come in
     * batches, and the search for the cut (an index scan as long as the job's limit) once per tenth, not per pass.
     */
    static long pruneAbove(int keep) {
        return keep + keep / 10;
    }

    /** The job's row count, its rows scheduled up to {@code newest} (null: it has none) counted as needed. */
    long update(Connection connection, String job, Instant newest) throws SQLException {
        if (newest == null) {
            known.remove(job);
            return 0;
        }
        Size size = known.get(job);
        if (size != null && size.newest().equals(newest)) {
            return size.rows();
        }
        long rows = size == null ? count(connection, ROWS_UP_TO, job, newest)
                : size.rows() + count(connection, ROWS_BETWEEN, job, size.newest(), newest);
        known.put(job, new Size(rows, newest));
        return rows;
    }

    /** The node deleted this many of the job's rows itself. */
    void deleted(String job, int rows) {
        known.computeIfPresent(job, (name, size) -> new Size(Math.max(0, size.rows() - rows), size.newest()));
    }

    void forget(String job) {
        known.remove(job);
    }

    void forgetAll() {
        known.clear();
    }

    /** Drops what it knows of jobs that no longer exist. */
    void keepOnly(Collection<String> jobs) {
        known.keySet().retainAll(new HashSet<>(jobs));
    }

    private static long count(Connection connection, String sql, String job, Instant... bounds) throws SQLException {
        return Jdbc.query(connection, sql, select -> {
            select.setString(1, job);
            for (int i = 0; i < bounds.length; i++) {
                SqlTime.set(select, i + 2, bounds[i]);
            }
        }, rs -> rs.getLong(1)).get(0);
    }
}
