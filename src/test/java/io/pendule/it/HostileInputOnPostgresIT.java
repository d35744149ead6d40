package io.pendule.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hostile input on a real PostgreSQL: the tables read by JDBC from outside the node, the fixture's callers written
 * straight into them (SecurityOnPostgresIT's {@link SecurityOnPostgresIT.RowsWritten}).
 */
@RunAsClient
class HostileInputOnPostgresIT extends HostileInputScenarios {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.onPostgres(NAME);
    }

    static String db() {
        return Deployments.postgresUrl(NAME);
    }

    @Override
    SecurityScenarios.Callers callers() {
        return new SecurityOnPostgresIT.RowsWritten(db());
    }

    @Override
    Map<String, List<Map<String, String>>> rows() throws Exception {
        Map<String, List<Map<String, String>>> tables = new TreeMap<>();
        try (Connection c = TestDatabases.connect(db())) {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                         + "AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                List<Map<String, String>> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnName(i), rs.getString(i));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    @Override
    int deleteTokens(String name) {
        return TestDatabases.update(db(), "DELETE FROM api_token WHERE name = ?", name);
    }

    @Override
    String database() {
        return "postgres";
    }
}
