package io.pendule.clock.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The pause of the whole cluster's scheduler, stored in {@code cluster_setting}: while paused no clock fires a job
 * nor claims a queued run (runs already claimed start and finish). On resume each job's misfire policy deals with
 * the fires it missed.
 */
@ApplicationScoped
public class SchedulerSwitch {

    private static final String READ = "SELECT setting FROM cluster_setting WHERE name = 'scheduler_paused'";
    private static final String WRITE = "UPDATE cluster_setting SET setting = ?, updated_at = ? WHERE name = 'scheduler_paused'";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;

    public boolean paused() {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(READ); ResultSet rs = select.executeQuery()) {
                return rs.next() && "true".equals(rs.getString(1));
            }
        });
    }

    /** Returns the new state. */
    public boolean pause(boolean paused) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(WRITE)) {
                update.setString(1, Boolean.toString(paused));
                SqlTime.set(update, 2, time.instant());
                return update.executeUpdate();
            }
        });
        return paused;
    }
}
