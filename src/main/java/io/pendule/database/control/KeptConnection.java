package io.pendule.database.control;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection of the pool kept by one periodic task, so that the task never waits for the pool behind busy threads:
 * the node's heartbeat, which must go on under any load, or the node fences itself. A transaction that fails closes
 * it; the next one opens another.
 */
public final class KeptConnection implements AutoCloseable {

    private final DataSource dataSource;
    private Connection connection;

    public KeptConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One transaction on the kept connection, as {@link Jdbc#inTransaction(DataSource, Jdbc.Work)}. */
    public synchronized <T> T inTransaction(Jdbc.Work<T> work) {
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            return Jdbc.transaction(connection, work);
        } catch (SQLException e) {
            close();
            throw Jdbc.failed(e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException alreadyBroken) {
                // the connection is given up either way
            }
            connection = null;
        }
    }
}
