package io.pendule.cluster.control;

import io.pendule.database.control.Database;
import io.pendule.database.control.SqlTime;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * The switches every node shares, rows of {@code cluster_setting} (true or false), such as the pause of the scheduler
 * or of job submissions. One statement each, in the caller's JTA transaction when it has one, else on its own.
 */
@ApplicationScoped
public class ClusterSettings {

    private static final String READ = "SELECT setting FROM cluster_setting WHERE name = ?";
    private static final String WRITE = "UPDATE cluster_setting SET setting = ?, updated_at = ? WHERE name = ?";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Inject
    InstantSource time;

    /** Whether the switch is on; false for a switch the database does not have. */
    public boolean isOn(String name) {
        try (Connection connection = dataSource.getConnection()) {
            return isOn(connection, name);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** As {@link #isOn(String)}, in the transaction of {@code connection}. */
    public boolean isOn(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(READ)) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && "true".equals(rs.getString(1));
            }
        }
    }

    /** Every switch the database has, by name. */
    public java.util.SortedMap<String, Boolean> all() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT name, setting FROM cluster_setting");
             ResultSet rs = select.executeQuery()) {
            java.util.SortedMap<String, Boolean> settings = new java.util.TreeMap<>();
            while (rs.next()) {
                settings.put(rs.getString(1), "true".equals(rs.getString(2)));
            }
            return settings;
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** Turns the switch on or off for every node; returns its new state. */
    public boolean set(String name, boolean on) {
        try (Connection connection = dataSource.getConnection()) {
            return set(connection, name, on);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** As {@link #set(String, boolean)}, in the transaction of {@code connection}. */
    public boolean set(Connection connection, String name, boolean on) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE)) {
            update.setString(1, Boolean.toString(on));
            SqlTime.set(update, 2, time.instant());
            update.setString(3, name);
            update.executeUpdate();
            return on;
        }
    }
}
