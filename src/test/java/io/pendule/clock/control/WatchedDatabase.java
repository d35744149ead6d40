package io.pendule.clock.control;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's way to the database, as the node sees it: every statement it prepares is noted (to count what a step
 * writes), and the answer to the COMMIT of a transaction that prepared a given statement can be lost on request, after
 * the database committed (an ambiguous commit).
 */
final class WatchedDatabase {

    private final DataSource database;
    private final List<String> statements = new ArrayList<>();
    private volatile String loseCommitAnswerAfter;

    WatchedDatabase(DataSource database) {
        this.database = database;
    }

    /** The statements prepared since the last call. */
    synchronized List<String> statementsSinceLastLook() {
        List<String> seen = List.copyOf(statements);
        statements.clear();
        return seen;
    }

    /**
     * The next COMMIT of a transaction that prepared a statement containing {@code sqlPart} is done by the database,
     * but its answer never reaches the node: it fails there.
     */
    void loseNextCommitAnswerAfter(String sqlPart) {
        loseCommitAnswerAfter = sqlPart;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = call(database, method, args);
                    return result instanceof Connection connection ? watched(connection) : result;
                });
    }

    private Connection watched(Connection connection) {
        List<String> transaction = new ArrayList<>();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        synchronized (this) {
                            statements.add((String) args[0]);
                        }
                        transaction.add((String) args[0]);
                    }
                    Object result = call(connection, method, args);
                    if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                        String lost = loseCommitAnswerAfter;
                        boolean loseIt = method.getName().equals("commit") && lost != null
                                && transaction.stream().anyMatch(sql -> sql.contains(lost));
                        transaction.clear();
                        if (loseIt) {
                            loseCommitAnswerAfter = null;
                            throw new SQLException("I/O error: the connection was reset after COMMIT was sent");
                        }
                    }
                    return result;
                });
    }

    private static Object call(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
