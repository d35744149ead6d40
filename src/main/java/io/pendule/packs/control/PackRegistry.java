package io.pendule.packs.control;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.NotFoundException;
import io.pendule.database.control.Database;
import io.pendule.database.control.Jdbc;
import io.pendule.packs.entity.PackContent;
import io.pendule.packs.entity.PackVersion;
import io.pendule.platform.Settings;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pack registry, the one owner of table {@code pack_version}: imports (checked, normalized, immutable once
 * stored, audited), reads, the working copy a run starts from ({@link #checkout}), and deletes that no job stands in
 * the way of. The archive lives in the database, so every node reads the same pack.
 */
@Stateless
public class PackRegistry {

    /** The limits a stored pack is read back with: it passed the import's, whatever they are now. */
    private static final PackLimits STORED = new PackLimits(Long.MAX_VALUE, Integer.MAX_VALUE);

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Inject
    AuditLog audit;
    @Inject
    Settings settings;
    @Inject
    InstantSource time;

    /** What an import did: the version stored, and whether it is new (false: the same content was there already). */
    public record Imported(PackVersion pack, boolean created) {
    }

    public PackLimits limits() {
        return new PackLimits(settings.packMaxBytes(), settings.packMaxEntries());
    }

    /** An uploaded archive's pack. */
    public Imported importArchive(Identity caller, byte[] archive, Optional<String> type) {
        return importContent(caller, PackArchives.read(archive, limits()), type);
    }

    /** A pack read from a folder (or an archive file) inside PENDULE_PACKS_DIR. */
    public Imported importFolder(Identity caller, String folder, Optional<String> type) {
        return importContent(caller, PackFolders.read(settings.packsDir(), folder, limits()), type);
    }

    private Imported importContent(Identity caller, PackContent content, Optional<String> type) {
        PackLayout.Checked checked = PackLayout.check(content, type);
        byte[] archive = PackArchives.normalized(content);
        PackVersion pack = new PackVersion(checked.name(), checked.version(), checked.type(), checked.author(),
                checked.description(), checked.mainscript(), PackArchives.sha256(archive), archive.length,
                content.listing(), time.instant().truncatedTo(ChronoUnit.MICROS), caller.name());
        return sql(connection -> {
            List<PackVersion> versions = PackRows.versions(connection, pack.name());
            versions.stream().filter(other -> other.type() != pack.type()).findFirst().ifPresent(other -> {
                throw new ConflictException("pack " + pack.name() + " is a " + other.type().code() + " pack: every version"
                        + " of a pack has the same type");
            });
            if (!PackRows.insert(connection, pack, archive)) {
                PackVersion stored = PackRows.versions(connection, pack.name()).stream()
                        .filter(other -> other.version().equals(pack.version())).findFirst().orElseThrow();
                if (!stored.sha256().equals(pack.sha256())) {
                    throw new ConflictException("pack " + pack.name() + " version " + pack.version() + " exists with other"
                            + " content (sha256 " + stored.sha256() + "): a version is never changed, give the new content"
                            + " a new version");
                }
                return new Imported(stored, false);
            }
            audit.record(caller, AuditAction.PACK_IMPORT, pack.name() + ":" + pack.version(), details(pack));
            return new Imported(pack, true);
        });
    }

    /** Every version of every pack, by name then version. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PackVersion> all() {
        return sql(PackRows::all);
    }

    /** A pack's versions, the latest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PackVersion> versions(String name) {
        if (name == null || !PackLayout.NAME.matcher(name).matches()) {
            return List.of();
        }
        return sql(connection -> PackRows.versions(connection, name)).stream()
                .sorted(Comparator.comparing(PackVersion::version, PackVersions.ORDER).reversed()).toList();
    }

    /** A version of a pack; {@code version} null or empty: its latest (see {@link PackVersions}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<PackVersion> find(String name, String version) {
        Stream<PackVersion> versions = versions(name).stream();
        return version == null || version.isEmpty() ? versions.findFirst()
                : versions.filter(pack -> pack.version().equals(version)).findFirst();
    }

    /** The stored archive of a version, checked against its sha256. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public byte[] archive(PackVersion pack) {
        byte[] archive = sql(connection -> PackRows.archive(connection, pack.name(), pack.version()))
                .orElseThrow(() -> new NotFoundException("Pack not found: " + pack.name() + " " + pack.version()));
        if (!PackArchives.sha256(archive).equals(pack.sha256())) {
            throw new IllegalStateException("the stored archive of pack " + pack.name() + " " + pack.version()
                    + " does not match its sha256 " + pack.sha256());
        }
        return archive;
    }

    /** The files of a stored version, read from its archive. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PackContent content(PackVersion pack) {
        return PackArchives.read(archive(pack), STORED);
    }

    /**
     * Writes a fresh working copy of the pack folder into {@code into}, an empty (or not yet existing) directory:
     * every folder and file of the stored archive, checked against its sha256; bootstrap-script.sh and the other
     * *.sh files executable (archives' modes are not kept).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void checkout(PackVersion pack, Path into) {
        PackContent content = content(pack);
        try {
            Files.createDirectories(into);
            try (Stream<Path> inside = Files.list(into)) {
                if (inside.findAny().isPresent()) {
                    throw new IllegalArgumentException("a pack is checked out into an empty directory, not " + into);
                }
            }
            for (String folder : content.folders()) {
                Files.createDirectories(inside(into, folder));
            }
            for (Map.Entry<String, byte[]> file : content.files().entrySet()) {
                Path target = inside(into, file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
                if (file.getKey().endsWith(".sh") && Files.getFileStore(target).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path of the pack inside the working copy; checked again, though the import refused anything else. */
    private static Path inside(Path root, String path) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root.normalize()) || target.equals(root.normalize())) {
            throw new IllegalStateException("pack path outside its working copy: " + path);
        }
        return target;
    }

    /** The jobs that run this version (naming it, or naming none while it is the latest). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> usedBy(PackVersion pack) {
        boolean latest = find(pack.name(), null).map(newest -> newest.version().equals(pack.version())).orElse(false);
        return sql(connection -> PackRows.jobsRunning(connection, pack.name(), pack.version(), latest));
    }

    public boolean inUse(PackVersion pack) {
        return !usedBy(pack).isEmpty();
    }

    /** Deletes a version no job runs: 404 when there is none, 409 naming the jobs that run it. */
    public void delete(Identity caller, String name, String version) {
        PackVersion pack = (version == null || version.isEmpty() ? Optional.<PackVersion>empty() : find(name, version))
                .orElseThrow(() -> new NotFoundException("Pack not found: " + name + " " + version));
        List<String> jobs = usedBy(pack);
        if (!jobs.isEmpty()) {
            throw new ConflictException("pack " + name + " version " + version + " is run by job(s) " + String.join(", ", jobs)
                    + ": change or delete them first");
        }
        if (sql(connection -> PackRows.delete(connection, name, version))) {
            audit.record(caller, AuditAction.PACK_DELETE, name + ":" + version, details(pack));
        }
    }

    private static Map<String, Object> details(PackVersion pack) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", pack.type().code());
        details.put("sha256", pack.sha256());
        details.put("size", pack.size());
        details.put("files", pack.files().size());
        return details;
    }

    /** Work on a connection of the current JTA transaction, when there is one. */
    private <T> T sql(Jdbc.Work<T> work) {
        return Jdbc.withConnection(dataSource, work);
    }
}
