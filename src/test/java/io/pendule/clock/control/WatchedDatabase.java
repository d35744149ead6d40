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
 * writes), and the answer to a COMMIT can be lost on request, after the database committed (an ambiguous commit).
 */
final class WatchedDatabase {

    private final DataSource database;
    private final List<String> statements = new ArrayList<>();
    private volatile boolean loseNextCommitAnswer;

    WatchedDatabase(DataSource database) {
        this.database = database;
    }

    /** The statements prepared since the last call. */
    synchronized List<String> statementsSinceLastLook() {
        List<String> seen = List.copyOf(statements);
        statements.clear();
        return seen;
    }

    /** The next COMMIT is done by the database, but its answer never reaches the node: it fails there. */
    void loseNextCommitAnswer() {
        loseNextCommitAnswer = true;
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = call(database, method, args);
                    return result instanceof Connection connection ? watched(connection) : result;
                });
    }

    private Connection watched(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        synchronized (this) {
                            statements.add((String) args[0]);
                        }
                    }
                    Object result = call(connection, method, args);
                    if (method.getName().equals("commit") && loseNextCommitAnswer) {
                        loseNextCommitAnswer = false;
                        throw new SQLException("I/O error: the connection was reset after COMMIT was sent");
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
