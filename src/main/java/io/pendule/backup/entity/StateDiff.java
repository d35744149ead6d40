package io.pendule.backup.entity;

import java.util.LinkedHashMap;
import java.util.Map;

/** What an import does, kind by kind ("jobs", "packs", ..., "settings"), in the document's order of kinds. */
public record StateDiff(Map<String, KindDiff> kinds) {

    public StateDiff {
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    public KindDiff of(String kind) {
        return kinds.get(kind);
    }

    public boolean isEmpty() {
        return kinds.values().stream().allMatch(KindDiff::isEmpty);
    }

    /** Counts per kind, as the audit log keeps them. */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        kinds.forEach((kind, diff) -> counts.put(kind, Map.of("added", diff.added().size(), "changed",
                diff.changed().size(), "removed", diff.removed().size())));
        return counts;
    }
}
