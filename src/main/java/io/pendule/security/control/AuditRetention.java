package io.pendule.security.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes the audit events older than PENDULE_AUDIT_KEEP_FOR (90 days by default), on the schedule of the history
 * pruner (executions.control.HistoryPruner), in batches of {@link #BATCH}, one short transaction each. As the pruning
 * of executions, rows are taken with {@code FOR UPDATE SKIP LOCKED}, so two nodes pruning at once share them rather
 * than wait on each other. This is the only statement that deletes audit rows; none updates them.
 */
@ApplicationScoped
public class AuditRetention {

    static final int BATCH = 500;
    private static final String OLDER_THAN = "SELECT id FROM audit_event WHERE at < ? ORDER BY at LIMIT " + BATCH
            + " FOR UPDATE SKIP LOCKED";
    private static final String DELETE = "DELETE FROM audit_event WHERE id = ?";

    @Inject
    Jdbc jdbc;
    @Inject
    Settings settings;

    private Duration keepFor;

    @PostConstruct
    void readSettings() {
        keepFor = settings.auditKeepFor();
    }

    /** Deletes the events older than the retention at {@code now}, until done or {@code deadline}; answers how many went. */
    public int prune(Instant now, Instant deadline) {
        Instant before = now.minus(keepFor);
        int deleted = 0;
        int batch;
        do {
            batch = jdbc.inTransaction(connection -> {
                List<Long> ids = Jdbc.query(connection, OLDER_THAN, select -> SqlTime.set(select, 1, before), rs -> rs.getLong(1));
                Jdbc.batch(connection, DELETE, ids, (delete, id) -> delete.setLong(1, id));
                return ids.size();
            });
            deleted += batch;
        } while (batch == BATCH && Instant.now().isBefore(deadline));
        return deleted;
    }
}
