package io.pendule.database.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Plain JDBC transactions for the clock's and the workers' hot paths, where one explicit, batched SQL statement
 * per concern beats an entity manager, and the small helpers that run one statement in the caller's connection.
 * Callers must not be inside a JTA transaction.
 */
@ApplicationScoped
public class Jdbc {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private final java.util.concurrent.atomic.AtomicInteger inUse = new java.util.concurrent.atomic.AtomicInteger();

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        inUse.incrementAndGet();
        try {
            return inTransaction(dataSource, work);
        } finally {
            inUse.decrementAndGet();
        }
    }

    /** The connections this bean's transactions hold now (metrics: the pool's usage by Pendule's own JDBC work). */
    public int connectionsInUse() {
        return inUse.get();
    }

    /** A connection of the pool for one periodic task to keep (see KeptConnection); the task closes it. */
    public KeptConnection keptConnection() {
        return new KeptConnection(dataSource);
    }

    /**
     * One transaction on a connection of {@code dataSource}. When the work or the commit fails, that failure is the
     * one thrown: a rollback or a reset of auto-commit failing after it (often the same dead connection) is attached
     * to it as suppressed, not thrown instead.
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return transaction(connection, work);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Work on a connection of {@code dataSource} as the pool hands it: inside the caller's JTA transaction when there is
     * one (the EJBs' statements), in auto-commit otherwise. A failure is an {@link IllegalStateException}.
     */
    public static <T> T withConnection(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** {@link #query(Connection, String, Parameters, RowMapper)} on a connection of {@code dataSource}, as {@link #withConnection}. */
    public static <R> List<R> query(DataSource dataSource, String sql, Parameters parameters, RowMapper<R> mapper) {
        return withConnection(dataSource, connection -> query(connection, sql, parameters, mapper));
    }

    /** {@link #update(Connection, String, Parameters)} on a connection of {@code dataSource}, as {@link #withConnection}. */
    public static int update(DataSource dataSource, String sql, Parameters parameters) {
        return withConnection(dataSource, connection -> update(connection, sql, parameters));
    }

    /** One transaction on {@code connection}, left open; failures as {@link #inTransaction(DataSource, Work)}. */
    static <T> T transaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        Throwable failure = null;
        try {
            T result = work.apply(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            try {
                connection.rollback();
            } catch (SQLException | RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException | RuntimeException reset) {
                if (failure == null) {
                    throw reset;
                }
                failure.addSuppressed(reset);
            }
        }
    }

    static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("database: " + e.getMessage(), e);
    }

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    public interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** Sets the parameters of a statement for one item of a batch. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface RowMapper<R> {
        R map(ResultSet rs) throws SQLException;
    }

    /** The rows a query selects, each read by {@code mapper}. */
    public static <R> List<R> query(Connection connection, String sql, Parameters parameters, RowMapper<R> mapper)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            parameters.set(select);
            List<R> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    /** Runs one update; returns the count of rows it changed. */
    public static int update(Connection connection, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            parameters.set(update);
            return update.executeUpdate();
        }
    }

    /** Runs one statement for every item, as one batch; returns each item's count, and runs nothing for no items. */
    public static <T> int[] batch(Connection connection, String sql, Collection<T> items, Binder<? super T> binder)
            throws SQLException {
        if (items.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement batch = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(batch, item);
                batch.addBatch();
            }
            return batch.executeBatch();
        }
    }
}
