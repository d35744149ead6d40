package io.pendule.clock.control;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A node's database with faults of its own, the rest passed through: statements whose text the database refuses (as
 * PostgreSQL refuses a NUL character, SQLState 22021), or a connection lost (SQLState 08006) or any other failure while
 * preparing some statement, a given number of times.
 */
final class FaultyDatabase {

    private FaultyDatabase() {
    }

    /** Every statement given a string containing {@code marker} fails when executed, as a value the database refuses. */
    static UnaryOperator<DataSource> refusingText(String marker) {
        return database -> onConnections(database, connection -> wrap(Connection.class, connection, (method, args) ->
                method.getName().equals("prepareStatement")
                        ? refusing((PreparedStatement) call(connection, method, args), marker) : NOT_MINE));
    }

    /** The next {@code times} statements containing {@code sqlPart} fail as they are prepared: the connection was lost. */
    static UnaryOperator<DataSource> losingConnection(String sqlPart, AtomicInteger times) {
        return throwing(sqlPart, times, () -> new SQLException("An I/O error occurred while sending to the backend (test)", "08006"));
    }

    /** The next {@code times} statements containing {@code sqlPart} throw {@code fault} as they are prepared. */
    static UnaryOperator<DataSource> throwing(String sqlPart, AtomicInteger times, Supplier<Throwable> fault) {
        return database -> onConnections(database, connection -> wrap(Connection.class, connection, (method, args) -> {
            if (method.getName().equals("prepareStatement") && ((String) args[0]).contains(sqlPart) && times.getAndDecrement() > 0) {
                throw fault.get();
            }
            return NOT_MINE;
        }));
    }

    /**
     * The next statement containing {@code sqlPart} is answered late: {@code meanwhile} runs as it is prepared (what
     * the rest of the cluster did while the node waited on a cut network).
     */
    static UnaryOperator<DataSource> answeringLate(String sqlPart, Runnable meanwhile) {
        return answeringLate(sqlPart, new AtomicInteger(1), meanwhile);
    }

    /** As {@link #answeringLate(String, Runnable)}, for the next {@code times} such statements. */
    static UnaryOperator<DataSource> answeringLate(String sqlPart, AtomicInteger times, Runnable meanwhile) {
        return database -> onConnections(database, connection -> wrap(Connection.class, connection, (method, args) -> {
            if (method.getName().equals("prepareStatement") && ((String) args[0]).contains(sqlPart) && times.getAndDecrement() > 0) {
                meanwhile.run();
            }
            return NOT_MINE;
        }));
    }

    /**
     * The next {@code times} statements containing {@code sqlPart} are answered, then {@code meanwhile} runs before the
     * answer reaches the node: what happened while the answer was on its way.
     */
    static UnaryOperator<DataSource> afterAnswering(String sqlPart, AtomicInteger times, Runnable meanwhile) {
        return database -> onConnections(database, connection -> wrap(Connection.class, connection, (method, args) -> {
            if (method.getName().equals("prepareStatement") && ((String) args[0]).contains(sqlPart)) {
                PreparedStatement statement = (PreparedStatement) call(connection, method, args);
                return wrap(PreparedStatement.class, statement, (called, given) -> {
                    if (called.getName().equals("executeQuery") && times.getAndDecrement() > 0) {
                        Object answer = call(statement, called, given);
                        meanwhile.run();
                        return answer;
                    }
                    return NOT_MINE;
                });
            }
            return NOT_MINE;
        }));
    }

    /** While {@code exhausted}, no connection is to be had: busy threads hold every one of the pool. */
    static UnaryOperator<DataSource> exhaustedWhile(AtomicBoolean exhausted) {
        return database -> wrap(DataSource.class, database, (method, args) -> {
            if (method.getName().equals("getConnection") && exhausted.get()) {
                throw new SQLException("no connection available in the pool within its wait time (test)");
            }
            return NOT_MINE;
        });
    }

    private static DataSource onConnections(DataSource database, UnaryOperator<Connection> faults) {
        return wrap(DataSource.class, database, (method, args) -> method.getName().equals("getConnection")
                ? faults.apply((Connection) call(database, method, args)) : NOT_MINE);
    }

    private static PreparedStatement refusing(PreparedStatement statement, String marker) {
        boolean[] poisoned = {false};
        return wrap(PreparedStatement.class, statement, (method, args) -> {
            if (method.getName().equals("setString") && args[1] instanceof String text && text.contains(marker)) {
                poisoned[0] = true;
            } else if (method.getName().startsWith("execute") && poisoned[0]) {
                throw new SQLException("invalid byte sequence for encoding \"UTF8\" (test)", "22021");
            }
            return NOT_MINE;
        });
    }

    /** What a fault returns for a call it leaves to the real object. */
    private static final Object NOT_MINE = new Object();

    @FunctionalInterface
    private interface Fault {
        Object on(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, T real, Fault fault) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] given = args == null ? new Object[0] : args;
            Object faulty = fault.on(method, given);
            return faulty == NOT_MINE ? call(real, method, given) : faulty;
        };
        return (T) Proxy.newProxyInstance(FaultyDatabase.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object call(Object real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
