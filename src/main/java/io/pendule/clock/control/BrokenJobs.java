package io.pendule.clock.control;

import io.pendule.database.control.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Jobs the clock gives up on: their schedule or stored JSON no longer parses. Each is taken out of the due set and
 * keeps the reason (job.broken, shown on its page and in the list) until it is saved again, in the caller's
 * transaction, so that one such row neither rolls back the batch it came in nor goes quiet.
 */
final class BrokenJobs {

    private static final Logger LOG = Logger.getLogger(BrokenJobs.class.getName());
    private static final String MARK = "UPDATE job SET next_fire_at = NULL, broken = ? WHERE name = ?";

    private BrokenJobs() {
    }

    /** The reason a job's row names, as the job's status shows it after "broken: ". */
    static String storedJsonReason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        int source = message.indexOf(" (start marker");
        return "its stored tags or executor_config is not a JSON map: " + (source < 0 ? message : message.substring(0, source));
    }

    /** {@code reasons}: job name to why it is broken. */
    static void mark(Connection connection, Map<String, String> reasons) throws SQLException {
        if (reasons.isEmpty()) {
            return;
        }
        Jdbc.batch(connection, MARK, reasons.entrySet(), (update, job) -> {
            update.setString(1, job.getValue());
            update.setString(2, job.getKey());
        });
        reasons.forEach((job, reason) -> LOG.severe(() -> "Job " + job + " is broken, it fires no more until it is saved "
                + "again: " + reason));
    }
}
