package io.pendule.backup.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.backup.entity.ImportMode;
import io.pendule.backup.entity.KindDiff;
import io.pendule.backup.entity.StateDiff;
import io.pendule.backup.entity.StateKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The difference between the state there is and a document to import, both in the export's form: per kind, the keys
 * the document adds, changes (any field but the run state differs) and, in replace mode, removes (never those kept: the
 * importing admin and their token). Settings are compared one by one.
 */
public final class StateDiffs {

    private StateDiffs() {
    }

    public static StateDiff between(JsonNode current, JsonNode document, ImportMode mode, Map<StateKind, Set<String>> kept) {
        Map<String, KindDiff> kinds = new LinkedHashMap<>();
        for (StateKind kind : StateKind.values()) {
            Map<String, JsonNode> there = items(kind, current.path(kind.field()));
            Map<String, JsonNode> wanted = items(kind, document.path(kind.field()));
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            wanted.forEach((key, item) -> {
                if (!there.containsKey(key)) {
                    added.add(key);
                } else if (!there.get(key).equals(item)) {
                    changed.add(key);
                }
            });
            if (mode == ImportMode.REPLACE) {
                Set<String> keep = kept.getOrDefault(kind, Set.of());
                there.keySet().stream().filter(key -> !wanted.containsKey(key) && !keep.contains(key)).forEach(removed::add);
            }
            kinds.put(kind.field(), new KindDiff(added, changed, removed));
        }
        kinds.put(StateKind.SETTINGS, settings(current.path(StateKind.SETTINGS), document.path(StateKind.SETTINGS)));
        return new StateDiff(kinds);
    }

    /** The items of one kind by key, sorted, without their run state. */
    static Map<String, JsonNode> items(StateKind kind, JsonNode array) {
        Map<String, JsonNode> items = new TreeMap<>();
        for (JsonNode item : array) {
            if (item.isObject()) {
                ObjectNode compared = ((ObjectNode) item).deepCopy();
                compared.remove(kind.runState());
                items.put(kind.keyOf(item), compared);
            }
        }
        return items;
    }

    private static KindDiff settings(JsonNode there, JsonNode wanted) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        new TreeMap<>(fields(wanted)).forEach((name, value) -> {
            if (!there.has(name)) {
                added.add(name);
            } else if (!there.get(name).equals(value)) {
                changed.add(name);
            }
        });
        return new KindDiff(added, changed, List.of());
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }
}
