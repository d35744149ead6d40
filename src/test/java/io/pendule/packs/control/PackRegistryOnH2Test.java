package io.pendule.packs.control;

import io.pendule.database.control.MigratedH2;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry's rows on H2 with the real migrations (V24): a version is stored once (a second insert of the same
 * name and version changes nothing), the latest is found by version order, a checkout writes the pack's files with
 * their content and bootstrap-script.sh executable, and the jobs that run a version are found by SQL on table job
 * (naming the version, or naming none while it is the latest).
 */
class PackRegistryOnH2Test {

    private static JdbcDataSource database;
    private final PackRegistry registry = new PackRegistry();

    @TempDir
    Path work;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.migrated("packs");
    }

    @BeforeEach
    void empty() throws SQLException {
        registry.dataSource = database;
        PacksOnH2.sql(database, "DELETE FROM pack_version");
        PacksOnH2.sql(database, "DELETE FROM job");
    }

    @Test
    void aVersionIsStoredOnceAndTheLatestIsFoundByVersionOrder() throws SQLException {
        assertTrue(store("basic", "0.9"));
        assertTrue(store("basic", "0.10"));
        assertFalse(store("basic", "0.10"), "the same name and version again changes nothing");
        assertEquals("0.10", registry.find("basic", null).orElseThrow().version());
        assertEquals("0.10", registry.find("basic", "").orElseThrow().version());
        assertEquals("0.9", registry.find("basic", "0.9").orElseThrow().version());
        assertEquals(Optional.empty(), registry.find("basic", "1.0"));
        assertEquals(Optional.empty(), registry.find("../basic", null));
        assertEquals(List.of("0.10", "0.9"), registry.versions("basic").stream().map(PackVersion::version).toList());
        PackVersion stored = registry.find("basic", "0.9").orElseThrow();
        assertEquals(PackType.METRIC, stored.type());
        assertEquals(TestPacks.valid("basic", "0.9").keySet().stream().sorted().toList(),
                stored.files().stream().map(f -> f.path()).toList());
    }

    @Test
    void aCheckoutIsAWorkingCopyOfThePack() throws SQLException, IOException {
        store("basic", "0.3.7");
        PackVersion pack = registry.find("basic", "0.3.7").orElseThrow();
        Path copy = work.resolve("run-1");
        registry.checkout(pack, copy);
        for (Map.Entry<String, String> file : TestPacks.valid("basic", "0.3.7").entrySet()) {
            assertEquals(file.getValue(), Files.readString(copy.resolve(file.getKey())), file.getKey());
        }
        assertTrue(Files.getPosixFilePermissions(copy.resolve("bootstrap-script.sh")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(copy.resolve("process/metrics.py")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertThrows(IllegalArgumentException.class, () -> registry.checkout(pack, copy), "only into an empty directory");
    }

    @Test
    void aStoredArchiveThatNoLongerMatchesItsSha256IsNotCheckedOut() throws SQLException {
        store("basic", "1");
        PacksOnH2.sql(database, "UPDATE pack_version SET sha256 = '" + "0".repeat(64) + "'");
        PackVersion pack = registry.find("basic", "1").orElseThrow();
        assertThrows(IllegalStateException.class, () -> registry.checkout(pack, work.resolve("x")));
        assertFalse(Files.exists(work.resolve("x")));
    }

    @Test
    void theJobsRunningAVersionAreFoundInTableJob() throws SQLException {
        store("basic", "0.9");
        store("basic", "1.0");
        store("other", "1.0");
        PacksOnH2.job(database, "pinned-old", "pack", "{\"pack\":\"basic\",\"version\":\"0.9\",\"type\":\"metric\"}");
        PacksOnH2.job(database, "latest-basic", "pack", "{\"pack\":\"basic\",\"type\":\"metric\"}");
        PacksOnH2.job(database, "empty-version", "pack", "{\"pack\":\"basic\",\"version\":\"\"}");
        PacksOnH2.job(database, "shell-named-basic", "shell", "{\"pack\":\"basic\",\"version\":\"0.9\"}");
        PacksOnH2.job(database, "other-pack", "pack", "{\"pack\":\"other\"}");
        PacksOnH2.job(database, "no-config", "pack", null);
        PackVersion old = registry.find("basic", "0.9").orElseThrow();
        PackVersion latest = registry.find("basic", "1.0").orElseThrow();
        assertEquals(List.of("pinned-old"), registry.usedBy(old));
        assertEquals(List.of("empty-version", "latest-basic"), registry.usedBy(latest));
        assertTrue(registry.inUse(old));
        PacksOnH2.sql(database, "DELETE FROM job");
        assertFalse(registry.inUse(latest));
    }

    private boolean store(String name, String version) throws SQLException {
        PackContent content = PackArchives.read(TestPacks.zip(TestPacks.valid(name, version)), new PackLimits(1 << 20, 100));
        byte[] archive = PackArchives.normalized(content);
        PackVersion pack = new PackVersion(name, version, PackType.METRIC, "a", "d", "metrics.py", PackArchives.sha256(archive),
                archive.length, content.listing(), Instant.parse("2026-03-01T09:30:00Z"), "admin");
        try (Connection connection = database.getConnection()) {
            return PackRows.insert(connection, pack, archive);
        }
    }
}
