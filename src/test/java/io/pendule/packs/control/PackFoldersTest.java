package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packs read from PENDULE_PACKS_DIR: folders and archives inside it only; links inside a pack folder refused. */
class PackFoldersTest {

    private static final PackLimits LIMITS = new PackLimits(1 << 20, 100);

    @TempDir
    Path root;

    @Test
    void aFolderAndAnArchiveInsideTheDirectoryAreRead() throws IOException {
        Path dir = Files.createDirectories(root.resolve("packs"));
        write(dir.resolve("basic-0.3.7"), TestPacks.valid("basic", "0.3.7"));
        assertEquals(TestPacks.valid("basic", "0.3.7").keySet(), PackFolders.read(Optional.of(dir), "basic-0.3.7", LIMITS).files().keySet());
        Files.write(dir.resolve("basic.tar.gz"), TestPacks.tarGz(TestPacks.inFolder("basic", TestPacks.valid("basic", "0.3.7"))));
        assertEquals(TestPacks.valid("basic", "0.3.7").keySet(), PackFolders.read(Optional.of(dir), "basic.tar.gz", LIMITS).files().keySet());
    }

    @Test
    void pathsOutsideTheDirectoryAreRefusedAlike() throws IOException {
        Path dir = Files.createDirectories(root.resolve("packs"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        write(outside.resolve("evil"), TestPacks.valid("evil", "1"));
        Files.createSymbolicLink(dir.resolve("link"), outside.resolve("evil"));
        String expected = "must name a folder or an archive inside PENDULE_PACKS_DIR (" + dir + ")";
        for (String name : List.of("../outside/evil", outside.resolve("evil").toString(), "link", "no-such", ".", "", "/etc")) {
            FieldError problem = refused(Optional.of(dir), name);
            assertEquals(new FieldError("folder", expected), problem, name);
        }
        assertTrue(refused(Optional.empty(), "basic").message().contains("PENDULE_PACKS_DIR, which is not set"));
    }

    @Test
    void linksInsideAPackFolderAreRefused() throws IOException {
        Path dir = Files.createDirectories(root.resolve("packs"));
        write(dir.resolve("basic"), TestPacks.valid("basic", "1"));
        Files.createSymbolicLink(dir.resolve("basic/process/passwd"), Path.of("/etc/passwd"));
        FieldError problem = refused(Optional.of(dir), "basic");
        assertEquals("process/passwd", problem.field());
        assertTrue(problem.message().contains("link"));
    }

    private static FieldError refused(Optional<Path> dir, String name) {
        return assertThrows(ValidationException.class, () -> PackFolders.read(dir, name, LIMITS)).errors().get(0);
    }

    private static void write(Path folder, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }
}
