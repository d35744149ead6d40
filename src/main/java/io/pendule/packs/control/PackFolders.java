package io.pendule.packs.control;

import io.pendule.api.entity.ValidationException;
import io.pendule.packs.entity.PackContent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Packs read from the server's own disk: a folder (or a .zip or .tar.gz file) inside PENDULE_PACKS_DIR only, and
 * nowhere when it is not set. The name is resolved against the directory, its links followed, and must still be inside
 * (as TLS files in PENDULE_TLS_DIR); a refusal never says whether something outside exists. Inside the folder, links
 * and special files are refused as in an archive, and the same limits hold.
 */
public final class PackFolders {

    static final String FIELD = "folder";

    private PackFolders() {
    }

    public static PackContent read(Optional<Path> packsDir, String name, PackLimits limits) {
        Path real = resolve(packsDir, name);
        try {
            if (Files.isRegularFile(real)) {
                String file = real.getFileName().toString();
                if (!file.endsWith(".zip") && !file.endsWith(".tar.gz") && !file.endsWith(".tgz")) {
                    throw refused("names a file that is neither a folder, nor a .zip or a .tar.gz archive");
                }
                if (Files.size(real) > limits.maxBytes()) {
                    throw PackEntries.tooBig("is larger than " + limits.maxBytes() + " bytes (PENDULE_PACK_MAX_BYTES)");
                }
                return PackArchives.read(Files.readAllBytes(real), limits);
            }
            if (!Files.isDirectory(real)) {
                throw refused("names neither a folder nor an archive");
            }
            PackEntries entries = new PackEntries(limits);
            Files.walkFileTree(real, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(real)) {
                        entries.count();
                        entries.add(relative(real, dir), PackEntries.Kind.FOLDER, null);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    entries.count();
                    String path = relative(real, file);
                    if (attributes.isSymbolicLink()) {
                        entries.add(path, PackEntries.Kind.LINK, null);
                    } else if (!attributes.isRegularFile()) {
                        entries.add(path, PackEntries.Kind.SPECIAL, null);
                    } else if (attributes.size() > entries.room()) {
                        throw entries.overSize();
                    } else {
                        entries.add(path, PackEntries.Kind.FILE, Files.readAllBytes(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return entries.content();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    /** The real path {@code name} names inside the packs directory. */
    static Path resolve(Optional<Path> packsDir, String name) {
        if (packsDir.isEmpty()) {
            throw refused("packs can only be read from PENDULE_PACKS_DIR, which is not set on this server: an admin sets it"
                    + " to the directory of the packs to import, or uploads the pack's archive");
        }
        Path realDir;
        try {
            realDir = packsDir.get().toRealPath();
        } catch (IOException e) {
            throw refused("PENDULE_PACKS_DIR (" + packsDir.get() + ") is not a directory of this node");
        }
        String outside = "must name a folder or an archive inside PENDULE_PACKS_DIR (" + packsDir.get() + ")";
        if (name == null || name.isBlank() || name.indexOf('\0') >= 0) {
            throw refused(outside);
        }
        try {
            Path named = realDir.resolve(name).normalize();
            if (!Files.exists(named, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(outside);
            }
            Path real = named.toRealPath();
            if (!real.startsWith(realDir) || real.equals(realDir)) {
                throw refused(outside);
            }
            return real;
        } catch (IOException | InvalidPathException e) {
            throw refused(outside);
        }
    }

    private static ValidationException refused(String why) {
        return new ValidationException("Pack refused, nothing was stored", FIELD, why);
    }
}
