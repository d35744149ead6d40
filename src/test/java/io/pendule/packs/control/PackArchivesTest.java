package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.control.TestPacks.TarEntry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive readers on archives built here with the JDK: a zip and a tar.gz of the same pack give the same content
 * and the same normalized archive, at the root or in one top folder; every hostile entry (../, absolute paths,
 * symlinks and hard links, devices) is a problem named by the entry, all reported at once; zip bombs, gzip bombs and
 * too many entries stop the reading.
 */
class PackArchivesTest {

    private static final PackLimits LIMITS = new PackLimits(1 << 20, 100);

    @Test
    void aZipAndATarGzOfTheSamePackGiveTheSameNormalizedArchive() {
        Map<String, String> files = TestPacks.valid("basic", "0.3.7");
        PackContent fromZip = PackArchives.read(TestPacks.zip(files), LIMITS);
        PackContent fromTar = PackArchives.read(TestPacks.tarGz(files), LIMITS);
        assertEquals(files.keySet(), fromZip.files().keySet());
        assertEquals("print('metrics')\n", new String(fromZip.file("process/metrics.py").orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(List.of("create-table", "kibana-dashboard", "process"), List.copyOf(fromZip.folders()));
        byte[] normalized = PackArchives.normalized(fromZip);
        assertArrayEquals(normalized, PackArchives.normalized(fromTar));
        assertEquals(PackArchives.sha256(normalized), PackArchives.sha256(PackArchives.normalized(PackArchives.read(normalized, LIMITS))),
                "the normalized archive reads back to itself");
        Map<String, String> changed = new LinkedHashMap<>(files);
        changed.put("process/metrics.py", "print('other')\n");
        assertNotEquals(PackArchives.sha256(normalized), PackArchives.sha256(PackArchives.normalized(PackArchives.read(TestPacks.zip(changed), LIMITS))));
    }

    @Test
    void aPackInOneTopFolderIsTakenFromIt() {
        Map<String, String> files = TestPacks.inFolder("basic-0.3.7", TestPacks.valid("basic", "0.3.7"));
        assertEquals(TestPacks.valid("basic", "0.3.7").keySet(), PackArchives.read(TestPacks.zip(files), LIMITS).files().keySet());
        Map<String, String> dotted = TestPacks.inFolder(".", TestPacks.valid("basic", "0.3.7"));
        dotted.put("__MACOSX/._Readme.md", "fork");
        assertEquals(TestPacks.valid("basic", "0.3.7").keySet(), PackArchives.read(TestPacks.tarGz(dotted), LIMITS).files().keySet());
    }

    @Test
    void twoTopFoldersAreNotAPackFolder() {
        Map<String, String> files = TestPacks.inFolder("one", TestPacks.valid("basic", "0.3.7"));
        files.put("two/x.txt", "x");
        assertTrue(PackArchives.read(TestPacks.zip(files), LIMITS).file("one/properties.json").isPresent());
    }

    @Test
    void everyHostileZipEntryIsReportedAtOnce() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "0.3.7"));
        files.put("../evil.sh", "x");
        files.put("process/../../evil2.sh", "x");
        files.put("/etc/cron.d/evil", "x");
        files.put("C:/windows/evil", "x");
        files.put("process\\..\\evil", "x");
        files.put("process/link", "/etc/passwd");
        List<FieldError> problems = refused(TestPacks.zipWithSymlink(files, "process/link"));
        assertEquals(List.of("../evil.sh", "process/../../evil2.sh", "/etc/cron.d/evil", "C:/windows/evil", "process\\..\\evil",
                "process/link"), problems.stream().map(FieldError::field).toList(), problems.toString());
        assertTrue(problems.get(0).message().contains("escapes the pack folder"), problems.toString());
        assertTrue(problems.get(2).message().contains("absolute path"), problems.toString());
        assertTrue(problems.get(5).message().contains("link"), problems.toString());
    }

    @Test
    void everyHostileTarEntryIsReportedAtOnce() {
        List<TarEntry> entries = new java.util.ArrayList<>(TestPacks.valid("basic", "0.3.7").entrySet().stream()
                .map(e -> TarEntry.file(e.getKey(), e.getValue())).toList());
        entries.add(TarEntry.file("../../etc/evil", "x"));
        entries.add(TarEntry.file("/tmp/evil", "x"));
        entries.add(new TarEntry("process/symlink", '2', "/etc/passwd"));
        entries.add(new TarEntry("process/hardlink", '1', "properties.json"));
        entries.add(new TarEntry("process/device", '3', null));
        entries.add(new TarEntry("process/fifo", '6', null));
        entries.add(TarEntry.file("process/" + "deep/".repeat(30) + "../".repeat(40) + "escape", "x"));
        List<FieldError> problems = refused(TestPacks.tarGz(entries.toArray(TarEntry[]::new)));
        assertEquals(List.of("../../etc/evil", "/tmp/evil", "process/symlink", "process/hardlink", "process/device",
                "process/fifo", "process/" + "deep/".repeat(30) + "../".repeat(40) + "escape"),
                problems.stream().map(FieldError::field).toList(), problems.toString());
        assertTrue(problems.get(2).message().contains("link") && problems.get(3).message().contains("link"), problems.toString());
        assertTrue(problems.get(4).message().contains("device") && problems.get(5).message().contains("device"), problems.toString());
    }

    @Test
    void aZipBombStopsAtTheLimitWhateverItsHeadersSay() {
        byte[] bomb = TestPacks.zipBomb(TestPacks.valid("basic", "0.3.7"), 20L << 20);
        assertTrue(bomb.length < 100_000, "a small archive: " + bomb.length);
        List<FieldError> problems = refused(bomb);
        assertEquals("file", problems.get(0).field());
        assertTrue(problems.get(0).message().contains("unpacks to more than 1048576 bytes (PENDULE_PACK_MAX_BYTES)"), problems.toString());
        // its central directory claims a small size: the count of inflated bytes still stops it
        java.nio.ByteBuffer zip = java.nio.ByteBuffer.wrap(bomb).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 46 < bomb.length; at++) {
            if (zip.getInt(at) == 0x02014b50) {
                zip.putInt(at + 24, 10);
            }
        }
        assertTrue(refused(bomb).get(0).message().contains("unpacks to more than"));
    }

    @Test
    void aGzipBombStopsAtTheLimit() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "0.3.7"));
        files.put("process/zeros.txt", "0".repeat(3 << 20));
        byte[] bomb = TestPacks.tarGz(files);
        assertTrue(bomb.length < 100_000, "a small archive: " + bomb.length);
        assertTrue(refused(bomb).get(0).message().contains("unpacks to more than"));
        byte[] folderOfZeros = TestPacks.tarGz(new TarEntry("process/", '5', null));
        assertEquals(List.of("process"), List.copyOf(PackArchives.read(folderOfZeros, LIMITS).folders()));
    }

    @Test
    void tooManyEntriesStopTheReading() {
        Map<String, String> files = new LinkedHashMap<>(TestPacks.valid("basic", "0.3.7"));
        for (int i = 0; i < 100; i++) {
            files.put("process/f" + i, "");
        }
        assertTrue(refused(TestPacks.zip(files)).get(0).message().contains("more than 100 entries (PENDULE_PACK_MAX_ENTRIES)"));
        assertTrue(refused(TestPacks.tarGz(files)).get(0).message().contains("more than 100 entries"));
    }

    @Test
    void anArchiveOverTheLimitIsNotRead() {
        assertTrue(refused(new byte[(1 << 20) + 1]).get(0).message().contains("larger than 1048576 bytes"));
    }

    @Test
    void whatIsNeitherZipNorTarGzIsRefused() {
        assertTrue(refused("not an archive".getBytes(StandardCharsets.UTF_8)).get(0).message().contains("neither a zip nor a tar.gz"));
        byte[] zip = TestPacks.zip(TestPacks.valid("basic", "0.3.7"));
        assertEquals("file", refused(java.util.Arrays.copyOf(zip, zip.length / 2)).get(0).field());
        byte[] tar = TestPacks.tarGz(TestPacks.valid("basic", "0.3.7"));
        assertEquals("file", refused(java.util.Arrays.copyOf(tar, tar.length / 2)).get(0).field());
        byte[] garbage = new byte[600];
        garbage[0] = 'x';
        assertTrue(refused(gzip(garbage)).get(0).message().contains("checksum"));
    }

    private static byte[] gzip(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static List<FieldError> refused(byte[] archive) {
        return assertThrows(ValidationException.class, () -> PackArchives.read(archive, LIMITS)).errors();
    }
}
