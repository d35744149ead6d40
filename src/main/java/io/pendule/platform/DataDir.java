package io.pendule.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.logging.Logger;

/**
 * PENDULE_DATA_DIR holds the embedded database (every job's configuration and output), the secret store's key and the
 * first admin's password: it is this account's only. Made with mode 0700 when it is missing; one another account may
 * read, write or enter (any group or other bit) stops the start, with the chmod to run. On a file system without POSIX
 * permissions it is only made, with a warning. Depends on nothing but the JDK: {@link Launcher} calls it before Payara
 * Micro makes its runtime folder there, and the application (database.control.Database) before its first connection.
 */
public final class DataDir {

    private static final Logger LOG = Logger.getLogger(DataDir.class.getName());
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDir() {
    }

    /** @throws IllegalStateException naming the folder and what to do, when it is open to others or cannot be made */
    public static void secure(Path dir) {
        try {
            if (!Files.exists(dir) && made(dir)) {
                return;
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("PENDULE_DATA_DIR " + dir + " is not a folder");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("PENDULE_DATA_DIR " + dir + " is open to other accounts ("
                        + PosixFilePermissions.toString(permissions) + "), and it holds the embedded database, the secret "
                        + "store's key and the first admin's password: run `chmod 700 " + dir + "`, or set PENDULE_DATA_DIR "
                        + "to a folder that does not exist yet (Pendule makes it with mode 0700)");
            }
        } catch (UnsupportedOperationException notPosix) {
            LOG.warning(() -> "PENDULE_DATA_DIR " + dir + " is on a file system without POSIX permissions: "
                    + "who may read it is not checked");
        } catch (IOException e) {
            throw new IllegalStateException("PENDULE_DATA_DIR " + dir + " cannot be made or read: " + e, e);
        }
    }

    /** Whether this call made the folder (false: another process sharing it did meanwhile). */
    private static boolean made(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectory(dir);
            throw notPosix;
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY); // whatever the umask
        return true;
    }
}
