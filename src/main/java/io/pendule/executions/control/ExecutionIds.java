package io.pendule.executions.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Execution ids, taken from the database sequence by blocks of {@link #BLOCK} (its INCREMENT BY), so that
 * inserting thousands of executions costs one sequence call per thousand, on every node without collision.
 */
@ApplicationScoped
public class ExecutionIds {

    static final int BLOCK = 1000;
    private long next;
    private long end;

    public synchronized long next(Connection connection) throws SQLException {
        if (next == end) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT nextval('execution_seq')")) {
                rs.next();
                next = rs.getLong(1);
                end = next + BLOCK;
            }
        }
        return next++;
    }
}
