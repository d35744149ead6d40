package io.pendule.database.control;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A data source that fails on purpose, after Quartz's flaky data source tests: a share of the connections it is asked
 * for are refused, a share of the commits fail before they reach the database (the transaction is rolled back), and a
 * share fail after the database committed (the commit is done, but the caller is told it failed: an ambiguous commit).
 * Rollbacks can be made to fail too. Faults happen only while {@link #faulty} is on; everything else goes to a real
 * database.
 */
public final class FlakyDataSource extends DelegatingDataSource {

    private volatile boolean faulty = true;
    private volatile double refusedConnections;
    private volatile double failedBeforeCommit;
    private volatile double failedAfterCommit;
    private volatile boolean failingRollbacks;
    final AtomicLong refused = new AtomicLong();
    final AtomicLong lostCommits = new AtomicLong();
    final AtomicLong ambiguousCommits = new AtomicLong();

    public FlakyDataSource(DataSource real) {
        super(real);
    }

    /** Each share (0 to 1) of connection requests, commits before and commits after the database's, that fails. */
    public FlakyDataSource failing(double connections, double beforeCommit, double afterCommit) {
        refusedConnections = connections;
        failedBeforeCommit = beforeCommit;
        failedAfterCommit = afterCommit;
        return this;
    }

    public FlakyDataSource failingRollbacks() {
        failingRollbacks = true;
        return this;
    }

    /** From now on, every call goes through. */
    public void heal() {
        faulty = false;
    }

    public long faults() {
        return refused.get() + lostCommits.get() + ambiguousCommits.get();
    }

    private boolean chance(double share) {
        return faulty && share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (chance(refusedConnections)) {
            refused.incrementAndGet();
            throw new SQLTransientConnectionException("flaky: connection refused on purpose", "08001");
        }
        return flaky(target.getConnection());
    }

    private Connection flaky(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit") && chance(failedBeforeCommit)) {
                        lostCommits.incrementAndGet();
                        connection.rollback();
                        throw new SQLTransientConnectionException("flaky: connection lost before the commit", "08006");
                    }
                    if (name.equals("rollback") && faulty && failingRollbacks) {
                        throw new SQLTransientConnectionException("flaky: rollback failed on purpose", "08006");
                    }
                    Object result = invoke(connection, method, args);
                    if (name.equals("commit") && chance(failedAfterCommit)) {
                        ambiguousCommits.incrementAndGet();
                        throw new SQLTransientConnectionException("flaky: connection lost after the commit", "08006");
                    }
                    return result;
                });
    }

    private static Object invoke(Connection connection, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return refused + " connections refused, " + lostCommits + " commits lost, " + ambiguousCommits + " ambiguous commits";
    }
}
