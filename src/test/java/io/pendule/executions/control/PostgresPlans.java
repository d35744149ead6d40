package io.pendule.executions.control;

import io.pendule.it.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The plans PostgreSQL makes for Pendule's statements, for the tests that check them (EXPLAIN, nothing run). */
final class PostgresPlans {

    private PostgresPlans() {
    }

    /**
     * The plan of the statement in the plan cache mode ({@code force_custom_plan}, {@code force_generic_plan}), its
     * parameters given the values {@code valueOf} has for their types, after the change {@code before} (null for none),
     * all in a transaction rolled back.
     */
    static String plan(String url, String sql, String planCacheMode, String before, Function<String, String> valueOf)
            throws SQLException {
        int parameters = 0;
        StringBuilder numbered = new StringBuilder();
        for (char ch : sql.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++parameters : String.valueOf(ch));
        }
        try (Connection c = TestDatabases.connect(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (before != null) {
                s.execute(before);
            }
            s.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
            s.execute("PREPARE planned AS " + numbered);
            List<String> values = new ArrayList<>();
            try (ResultSet types = s.executeQuery("SELECT unnest(parameter_types)::text FROM pg_prepared_statements WHERE name = 'planned'")) {
                while (types.next()) {
                    values.add(valueOf.apply(types.getString(1)));
                }
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = s.executeQuery("EXPLAIN EXECUTE planned" + (values.isEmpty() ? "" : "(" + String.join(", ", values) + ")"))) {
                while (lines.next()) {
                    plan.append(lines.getString(1)).append('\n');
                }
            }
            c.rollback();
            return plan.toString();
        }
    }
}
