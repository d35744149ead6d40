package io.pendule.database.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The database's clock: the one clock every node shares. Leases (a node's heartbeat, and whether another node's is too
 * old) are judged by it, so that a node whose own clock is off by some seconds neither lets runs lapse nor orphans live
 * ones.
 */
@ApplicationScoped
public class DatabaseClock {

    private static final String NOW = "SELECT CURRENT_TIMESTAMP";

    /** The database's time now, read in the caller's transaction (PostgreSQL: the time the transaction began). */
    public Instant now(Connection connection) throws SQLException {
        return Jdbc.query(connection, NOW, select -> { }, rs -> SqlTime.get(rs, 1)).get(0);
    }
}
