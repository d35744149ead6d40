package io.pendule.security.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a change changed, for the audit log: the fields whose values differ, with their value before and after (a
 * field a map holds on one side only is null on the other). Maps are compared key by key, so a change of one header
 * of a job shows that header alone; other values (lists among them) are compared whole. A creation has no
 * {@code before}, a deletion no {@code after}: they show every field.
 * <p>
 * The diff is taken on the real values, so that a secret changed for another is seen as changed; then {@link #masked}
 * hides the secrets of both sides before anything is written.
 */
public record AuditDiff(Map<String, Object> before, Map<String, Object> after) {

    /** What a secret is shown as. */
    public static final String MASK = "••••";

    /** The difference between two snapshots; either may be null (a creation, a deletion). */
    public static AuditDiff between(Map<String, ?> before, Map<String, ?> after) {
        if (before == null || after == null) {
            return new AuditDiff(before == null ? null : copy(before), after == null ? null : copy(after));
        }
        Map<String, Object> was = new LinkedHashMap<>();
        Map<String, Object> is = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            Object old = before.get(key);
            Object now = after.get(key);
            if (old instanceof Map<?, ?> oldMap && now instanceof Map<?, ?> newMap) {
                AuditDiff inner = between(strings(oldMap), strings(newMap));
                if (!inner.isEmpty()) {
                    was.put(key, inner.before());
                    is.put(key, inner.after());
                }
            } else if (!Objects.equals(old, now)) {
                was.put(key, old);
                is.put(key, now);
            }
        }
        return new AuditDiff(was, is);
    }

    /** Nothing differs (an update to the same values). */
    public boolean isEmpty() {
        return before != null && after != null && before.isEmpty() && after.isEmpty();
    }

    /** Both sides as {@code mask} shows them: the secrets it knows replaced by {@link #MASK}. */
    public AuditDiff masked(UnaryOperator<Map<String, Object>> mask) {
        return new AuditDiff(before == null ? null : mask.apply(copy(before)), after == null ? null : mask.apply(copy(after)));
    }

    /** A mask of the top-level fields named: their value, when set, becomes {@link #MASK}. */
    public static UnaryOperator<Map<String, Object>> maskingFields(String... names) {
        return side -> {
            for (String name : names) {
                if (side.get(name) != null) {
                    side.put(name, MASK);
                }
            }
            return side;
        };
    }

    /** The audit event's details: {"before": {…}, "after": {…}}, without the side there is none of. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (before != null) {
            details.put("before", before);
        }
        if (after != null) {
            details.put("after", after);
        }
        return Collections.unmodifiableMap(details);
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return new LinkedHashMap<>(map);
    }

    private static Map<String, Object> strings(Map<?, ?> map) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        map.forEach((key, value) -> keyed.put(String.valueOf(key), value));
        return keyed;
    }
}
