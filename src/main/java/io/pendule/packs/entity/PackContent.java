package io.pendule.packs.entity;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A pack folder read into memory, whatever it came from (a zip, a tar.gz, a folder of the server): its files by path
 * relative to the folder ('/'-separated, no "." or ".." part) and its folders, both sorted.
 */
public final class PackContent {

    private final SortedMap<String, byte[]> files;
    private final SortedSet<String> folders;

    public PackContent(SortedMap<String, byte[]> files, SortedSet<String> folders) {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        SortedSet<String> all = new TreeSet<>(folders);
        files.keySet().forEach(path -> parentsOf(path, all));
        this.folders = Collections.unmodifiableSortedSet(all);
    }

    private static void parentsOf(String path, SortedSet<String> into) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            into.add(path.substring(0, slash));
        }
    }

    public SortedMap<String, byte[]> files() {
        return files;
    }

    public SortedSet<String> folders() {
        return folders;
    }

    public Optional<byte[]> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public boolean hasFolder(String path) {
        return folders.contains(path);
    }

    public long size() {
        return files.values().stream().mapToLong(bytes -> bytes.length).sum();
    }

    public List<PackFile> listing() {
        return files.entrySet().stream().map(e -> new PackFile(e.getKey(), e.getValue().length)).toList();
    }
}
