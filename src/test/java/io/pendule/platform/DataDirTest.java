package io.pendule.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirTest {

    @TempDir
    Path temp;

    @Test
    void makesAMissingFolderForThisAccountOnlyWhateverTheUmask() throws Exception {
        Path dir = temp.resolve("a/b/data");
        DataDir.secure(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        DataDir.secure(dir); // and takes it at the next start
    }

    @Test
    void takesAFolderOfThisAccountOnly() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        DataDir.secure(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "left as it was");
    }

    /** Another account reading, writing or entering (a known file name, such as the database's, is then read) is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"rwxr-xr-x", "rwx---r--", "rwx-w----", "rwx--x---", "rwx-----x", "rwxrwxrwx"})
    void refusesAFolderOpenToOthersNamingItAndTheChmod(String mode) throws Exception {
        Path dir = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DataDir.secure(dir));
        assertTrue(refused.getMessage().contains("PENDULE_DATA_DIR " + dir) && refused.getMessage().contains("chmod 700 " + dir)
                && refused.getMessage().contains(mode), refused.getMessage());
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), "not changed behind the operator's back");
    }

    @Test
    void refusesAFileInPlaceOfTheFolder() throws Exception {
        Path file = Files.createFile(temp.resolve("data"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> DataDir.secure(file));
        assertTrue(refused.getMessage().contains("is not a folder"), refused.getMessage());
    }
}
