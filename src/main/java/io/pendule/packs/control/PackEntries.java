package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.packs.entity.PackContent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entries of an archive or a folder as they are read, checked one by one: a name that is absolute, that climbs
 * out with "..", that holds a backslash or a NUL, a link or a device file is a problem named by the entry; going over
 * the entry count or the unpacked size stops the reading at once. {@link #content} then gives the pack folder: the
 * root, or the one folder everything is in.
 */
final class PackEntries {

    /** What an entry is; only files and folders are taken. */
    enum Kind { FILE, FOLDER, LINK, SPECIAL }

    /** Folders that archivers add and that are no part of a pack (macOS's resource forks). */
    private static final String MACOS_FORKS = "__MACOSX";
    private static final int MOST_PROBLEMS = 50;

    private final PackLimits limits;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final SortedSet<String> folders = new TreeSet<>();
    private final List<FieldError> problems = new ArrayList<>();
    private int entries;
    private long bytes;

    PackEntries(PackLimits limits) {
        this.limits = limits;
    }

    /** Counts one more entry; over the limit, the reading stops. */
    void count() {
        if (++entries > limits.maxEntries()) {
            throw tooBig("holds more than " + limits.maxEntries() + " entries (PENDULE_PACK_MAX_ENTRIES)");
        }
    }

    int maxEntries() {
        return limits.maxEntries();
    }

    /** How many more bytes of files may be read before the limit. */
    long room() {
        return limits.maxBytes() - bytes;
    }

    /** Stops the reading: the files unpack to more than the limit. */
    ValidationException overSize() {
        return tooBig("unpacks to more than " + limits.maxBytes() + " bytes (PENDULE_PACK_MAX_BYTES)");
    }

    static ValidationException tooBig(String why) {
        return new ValidationException("Pack refused, nothing was stored", "file", why);
    }

    void problem(String entry, String message) {
        if (problems.size() < MOST_PROBLEMS) {
            problems.add(new FieldError(entry, message));
        }
    }

    /** One entry read, with its content when it is a file (already counted against {@link #room}). */
    void add(String rawName, Kind kind, byte[] content) {
        if (kind == Kind.LINK) {
            problem(rawName, "is a link: links are refused in a pack");
            return;
        }
        if (kind == Kind.SPECIAL) {
            problem(rawName, "is a device, a pipe or another special file: only files and folders are taken");
            return;
        }
        String path = normalized(rawName);
        if (path == null || path.isEmpty() || path.equals(MACOS_FORKS) || path.startsWith(MACOS_FORKS + "/")) {
            return;
        }
        if (kind == Kind.FOLDER) {
            if (files.containsKey(path)) {
                problem(rawName, "is both a file and a folder");
            }
            folders.add(path);
            return;
        }
        bytes += content.length;
        if (bytes > limits.maxBytes()) {
            throw overSize();
        }
        if (files.containsKey(path)) {
            problem(rawName, "appears twice in the archive");
        } else if (folders.contains(path)) {
            problem(rawName, "is both a file and a folder");
        }
        files.put(path, content);
    }

    /** The entry's path inside the pack: '/'-separated, without "." parts; null (with a problem) when refused. */
    private String normalized(String name) {
        if (name.indexOf('\0') >= 0) {
            problem(name, "holds a NUL character");
            return null;
        }
        if (name.indexOf('\\') >= 0) {
            problem(name, "holds a backslash: archive names are '/'-separated");
            return null;
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            problem(name, "is an absolute path: entries must be relative to the pack folder");
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                problem(name, "escapes the pack folder (\"..\")");
                return null;
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * The pack folder: the archive's root when properties.json is there, or else the one folder holding every entry;
     * every problem found so far is thrown at once.
     */
    PackContent content() {
        if (!problems.isEmpty()) {
            throw new ValidationException("Pack refused, nothing was stored", problems);
        }
        String top = files.containsKey("properties.json") ? null : onlyTopFolder();
        SortedMap<String, byte[]> inside = new TreeMap<>();
        SortedSet<String> insideFolders = new TreeSet<>();
        String prefix = top == null ? "" : top + "/";
        files.forEach((path, content) -> inside.put(path.substring(prefix.length()), content));
        folders.stream().filter(folder -> folder.startsWith(prefix))
                .forEach(folder -> insideFolders.add(folder.substring(prefix.length())));
        return new PackContent(inside, insideFolders);
    }

    private String onlyTopFolder() {
        TreeSet<String> tops = new TreeSet<>();
        files.keySet().forEach(path -> tops.add(path.contains("/") ? path.substring(0, path.indexOf('/')) : "/" + path));
        folders.forEach(folder -> tops.add(folder.contains("/") ? folder.substring(0, folder.indexOf('/')) : folder));
        if (tops.size() == 1 && !tops.first().startsWith("/") && !files.isEmpty()) {
            return tops.first();
        }
        return null;
    }
}
