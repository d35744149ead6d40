package io.pendule.database.control;

import java.sql.SQLException;

/**
 * Tells a database error that may go away by itself (a lost connection, a pool with no connection to give, a deadlock,
 * a timeout) from one that the same statement meets again however often it is tried: a value the database refuses
 * (SQLState class 22, data exception) or a constraint it breaks (class 23). Anything that is not an
 * {@link SQLException} at all (a defect, an {@link Error}) comes back the same way too.
 */
public final class SqlFaults {

    private SqlFaults() {
    }

    /** Whether trying the same work again later may succeed. */
    public static boolean transientFault(Throwable failure) {
        SQLException sql = sqlCause(failure);
        return sql != null && !refusedData(sql.getSQLState());
    }

    /** A short ASCII description, fit to be stored itself: the SQLState, or the kind of failure. */
    public static String brief(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql != null) {
            return "database error" + (sql.getSQLState() == null ? "" : " (SQLState " + sql.getSQLState() + ")");
        }
        return failure.getClass().getSimpleName();
    }

    private static boolean refusedData(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                // a batch's own exception may carry no state; the statement's error that aborted it does
                return sql.getSQLState() == null && sql.getNextException() != null ? sql.getNextException() : sql;
            }
        }
        return null;
    }
}
