package io.pendule.packs.control;

import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.packs.entity.PackVersion;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pack version's create-table/*.sql, applied once to Pendule's database (table {@code pack_table_setup}, V28): in
 * one transaction, the version's row is inserted first, then each script runs, in the order of their names. A second
 * node (or run) inserting the same row waits for that transaction and then finds the row: the SQL is applied once. A
 * script that fails rolls everything back, row included, and the run fails naming the script; the next run tries again.
 */
final class PackTableSetup {

    /** One script: its path in the pack and its SQL. */
    record Script(String path, String sql) {
    }

    /** Why a pack's SQL was not applied; the message names the script. */
    static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How long a run waits for another node applying the same version's SQL (each wait is one lock timeout). */
    private static final Duration WAIT_FOR_OTHERS = Duration.ofMinutes(5);
    private static final List<String> LOCK_TIMEOUTS = List.of("55P03", "HYT00");

    private PackTableSetup() {
    }

    /** The scripts of a working copy: create-table/*.sql, by name; none when the pack has no such folder. */
    static List<Script> scripts(Path workingCopy) throws IOException {
        Path folder = workingCopy.resolve(PackLayout.CREATE_TABLE);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Script> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f)).sorted().toList()) {
                scripts.add(new Script(PackLayout.CREATE_TABLE + "/" + file.getFileName(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return scripts;
    }

    /** Applies {@code scripts} unless they were for this version; returns whether this call applied them. */
    static boolean apply(DataSource database, PackVersion pack, List<Script> scripts, String node, Instant at) {
        if (scripts.isEmpty()) {
            return false;
        }
        Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored, so that forget finds the row
        Instant giveUp = Instant.now().plus(WAIT_FOR_OTHERS);
        while (true) {
            try {
                return Jdbc.inTransaction(database, connection -> {
                    int inserted = Jdbc.update(connection, "INSERT INTO pack_table_setup (pack_name, pack_version, sha256, files,"
                            + " applied_at, applied_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", insert -> {
                                insert.setString(1, pack.name());
                                insert.setString(2, pack.version());
                                insert.setString(3, pack.sha256());
                                insert.setString(4, String.join(",", scripts.stream().map(Script::path).toList()));
                                SqlTime.set(insert, 5, now);
                                insert.setString(6, node);
                            });
                    if (inserted == 0) {
                        return false;
                    }
                    for (Script script : scripts) {
                        run(connection, script);
                    }
                    return true;
                });
            } catch (Failed e) {
                forget(database, pack, node, now);
                throw e;
            } catch (IllegalStateException e) {
                if (!(lockTimeout(e) && Instant.now().isBefore(giveUp))) {
                    throw e;
                }
            }
        }
    }

    /**
     * H2 commits each DDL statement, and the row with it: a failed setup's row is deleted again, so that the next run
     * tries again there too (on PostgreSQL the rollback left none).
     */
    private static void forget(DataSource database, PackVersion pack, String node, Instant now) {
        Jdbc.inTransaction(database, connection -> Jdbc.update(connection, "DELETE FROM pack_table_setup WHERE pack_name = ?"
                + " AND pack_version = ? AND applied_by = ? AND applied_at = ?", delete -> {
                    delete.setString(1, pack.name());
                    delete.setString(2, pack.version());
                    delete.setString(3, node);
                    SqlTime.set(delete, 4, now);
                }));
    }

    private static void run(java.sql.Connection connection, Script script) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script.sql());
        } catch (SQLException e) {
            throw new Failed(script.path() + ": " + e.getMessage().strip() + " (nothing of the pack's create-table applied;"
                    + " the next run tries again)", e);
        }
    }

    private static boolean lockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && LOCK_TIMEOUTS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
