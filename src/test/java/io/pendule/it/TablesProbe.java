package io.pendule.it;

import io.pendule.database.control.Jdbc;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For the hostile-input tests on the embedded database only, added to their deployment (never to target/pendule.war):
 * the database lives inside the node, so its tables are read there, every row of every table as text, as
 * {@link HostileInputOnPostgresIT} reads PostgreSQL's by JDBC; and a token a case created is deleted. An admin's.
 */
@Path("it-tables")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class TablesProbe {

    @Inject
    Jdbc jdbc;

    @GET
    public Map<String, List<Map<String, String>>> rows() {
        return jdbc.inTransaction(connection -> {
            List<String> names = new ArrayList<>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                         + "AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            Map<String, List<Map<String, String>>> tables = new TreeMap<>();
            for (String table : names) {
                List<Map<String, String>> rows = new ArrayList<>();
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT), rs.getString(i));
                        }
                        rows.add(row);
                    }
                }
                tables.put(table.toLowerCase(java.util.Locale.ROOT), rows);
            }
            return tables;
        });
    }

    @DELETE
    @Path("api_token")
    public Map<String, Integer> deleteToken(@QueryParam("name") String name) {
        return Map.of("deleted", jdbc.inTransaction(connection -> Jdbc.update(connection,
                "DELETE FROM api_token WHERE name = ?", statement -> statement.setString(1, name))));
    }
}
