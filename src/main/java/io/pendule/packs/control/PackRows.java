package io.pendule.packs.control;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.packs.entity.PackFile;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import io.pendule.platform.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of table {@code pack_version}, each in the caller's connection, and the one read of table
 * {@code job} the registry makes: which jobs run a pack ("executor": "pack", executor_config {@code pack} and
 * {@code version}), read by SQL since the packs component sits below jobs.
 */
final class PackRows {

    private static final String COLUMNS = "name, version, type, author, description, mainscript, sha256, size, files,"
            + " imported_at, imported_by";
    private static final TypeReference<List<PackFile>> FILES = new TypeReference<>() {
    };

    private PackRows() {
    }

    /** Inserts a new version; false when that name and version exist already (the row is then left as it is). */
    static boolean insert(Connection connection, PackVersion pack, byte[] archive) throws SQLException {
        return Jdbc.update(connection, "INSERT INTO pack_version (" + COLUMNS + ", archive)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", insert -> {
            insert.setString(1, pack.name());
            insert.setString(2, pack.version());
            insert.setString(3, pack.type().code());
            insert.setString(4, pack.author());
            insert.setString(5, pack.description());
            insert.setString(6, pack.mainscript());
            insert.setString(7, pack.sha256());
            insert.setLong(8, pack.size());
            insert.setString(9, Json.write(pack.files()));
            SqlTime.set(insert, 10, pack.importedAt());
            insert.setString(11, pack.importedBy());
            insert.setBytes(12, archive);
        }) == 1;
    }

    static List<PackVersion> all(Connection connection) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM pack_version ORDER BY name, version", none -> {
        }, PackRows::version);
    }

    static List<PackVersion> versions(Connection connection, String name) throws SQLException {
        return Jdbc.query(connection, "SELECT " + COLUMNS + " FROM pack_version WHERE name = ?",
                select -> select.setString(1, name), PackRows::version);
    }

    static Optional<byte[]> archive(Connection connection, String name, String version) throws SQLException {
        return Jdbc.query(connection, "SELECT archive FROM pack_version WHERE name = ? AND version = ?", select -> {
            select.setString(1, name);
            select.setString(2, version);
        }, rs -> rs.getBytes(1)).stream().findFirst();
    }

    static boolean delete(Connection connection, String name, String version) throws SQLException {
        return Jdbc.update(connection, "DELETE FROM pack_version WHERE name = ? AND version = ?", delete -> {
            delete.setString(1, name);
            delete.setString(2, version);
        }) == 1;
    }

    /**
     * The jobs that run version {@code version} of pack {@code name}: those naming it, and when it is the pack's
     * latest ({@code latest}), those naming no version. Sorted by name.
     */
    static List<String> jobsRunning(Connection connection, String name, String version, boolean latest) throws SQLException {
        return Jdbc.query(connection, "SELECT name, executor_config FROM job WHERE executor = 'pack' ORDER BY name",
                none -> {
                }, rs -> runs(rs.getString(2), name, version, latest) ? rs.getString(1) : null)
                .stream().filter(java.util.Objects::nonNull).toList();
    }

    private static boolean runs(String config, String name, String version, boolean latest) {
        Map<String, String> keys;
        try {
            keys = config == null ? Map.of() : Json.readStringMap(config);
        } catch (IllegalStateException unreadable) {
            return false;
        }
        if (keys == null || keys.get("pack") == null || !name.equals(keys.get("pack").strip())) {
            return false;
        }
        String wanted = keys.get("version");
        return wanted == null || wanted.isBlank() ? latest : wanted.strip().equals(version);
    }

    private static PackVersion version(ResultSet rs) throws SQLException {
        try {
            return new PackVersion(rs.getString("name"), rs.getString("version"),
                    PackType.ofCode(rs.getString("type")).orElseThrow(), rs.getString("author"),
                    rs.getString("description"), rs.getString("mainscript"), rs.getString("sha256"), rs.getLong("size"),
                    Json.MAPPER.readValue(rs.getString("files"), FILES), SqlTime.get(rs, "imported_at"),
                    rs.getString("imported_by"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
