package io.pendule.packs.control;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The folders of the pack executor on a node, under PENDULE_DATA_DIR/packs (the data folder is this account's only):
 * {@code runs/} holds one fresh working copy per execution, mode 0700, deleted when the execution ends; {@code venvs/}
 * the virtualenvs (see {@link PackVirtualenvs}).
 */
final class PackWorkspaces {

    private final Path root;

    PackWorkspaces(Path dataDir) {
        this.root = dataDir.resolve("packs");
    }

    Path virtualenvs() {
        return root.resolve("venvs");
    }

    /** A new empty folder, 0700, for one execution's working copy. */
    Path fresh(long executionId) throws IOException {
        Path runs = root.resolve("runs");
        ownerOnlyFolders(runs);
        Path folder = Files.createTempDirectory(runs, "execution-" + executionId + "-");
        setOwnerOnly(folder);
        return folder;
    }

    /** Makes {@code folder} and its missing parents, each only this account's. */
    static void ownerOnlyFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            ownerOnlyFolders(parent);
        }
        try {
            Files.createDirectory(folder);
            setOwnerOnly(folder);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another run made it meanwhile
        }
    }

    private static void setOwnerOnly(Path folder) throws IOException {
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Deletes {@code folder} and everything in it, links not followed; nothing when it is not there. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                deleteIfThere(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                deleteIfThere(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfThere(Path path) throws IOException {
        try {
            Files.delete(path);
        } catch (NoSuchFileException gone) {
            // a process of the run deleted it
        }
    }
}
