package io.pendule.backup.entity;

import java.util.List;

/** What an import does to one kind of thing, by key: added, changed, removed (each sorted). */
public record KindDiff(List<String> added, List<String> changed, List<String> removed) {

    public KindDiff {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    public int count() {
        return added.size() + changed.size() + removed.size();
    }
}
