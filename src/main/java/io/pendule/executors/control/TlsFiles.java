package io.pendule.executors.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the TLS files an http job names ({@code tlsRootCAsFile}, {@code tlsCertificateFile},
 * {@code tlsCertificateKeyFile}) may be: inside PENDULE_TLS_DIR only, and nowhere when it is not set. A name is
 * resolved against the directory, normalized, its symbolic links followed, and must still be inside; the file read is
 * that real path. A refusal never says whether a file outside exists: every path outside, existing or not, and every
 * link that cannot be followed, gets the same message.
 */
final class TlsFiles {

    private TlsFiles() {
    }

    /**
     * The real path of the file {@code name} (relative to the directory, or absolute inside it) names.
     *
     * @throws IllegalArgumentException saying why the name is refused, without the key's name
     */
    static Path resolve(Optional<Path> dir, String name) {
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("TLS files can only be read from PENDULE_TLS_DIR, which is not set on this"
                    + " server: an admin sets it to the directory of the files jobs may use");
        }
        Path realDir;
        try {
            realDir = dir.get().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("PENDULE_TLS_DIR (" + dir.get() + ") is not a directory of this node");
        }
        String outside = "must name a file inside PENDULE_TLS_DIR (" + dir.get() + ")";
        try {
            Path real = real(realDir.resolve(name).normalize());
            if (!real.startsWith(realDir) || real.equals(realDir)) {
                throw new IllegalArgumentException(outside);
            }
            return real;
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException(outside);
        }
    }

    /** The path with every link followed; a part that does not exist (yet) is kept as named. */
    private static Path real(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return path.toRealPath(); // a link that leads nowhere throws: refused as outside
        }
        Path parent = path.getParent();
        return parent == null ? path : real(parent).resolve(path.getFileName());
    }
}
