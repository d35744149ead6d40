package io.pendule.executions.entity;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Dkron's "value:N" in a job's tags: each fire runs on N of the matching nodes at once. Pendule makes such a run one
 * execution per node slot, targets {@code #1} to {@code #N} (executions.control.FanOut), and a node runs at most one
 * execution of a run at a time, so that they go to N nodes when N serve the tags, and in turn on fewer.
 */
public final class NodeCount {

    /** The most nodes a fire may ask for: each is an execution row per fire. */
    public static final int MOST = 64;
    public static final String SLOT = "#";

    private NodeCount() {
    }

    /** The count of a tag value ("pendule:2" → 2), empty when it has none. */
    public static OptionalInt of(String value) {
        int colon = value.lastIndexOf(':');
        String digits = colon >= 0 ? value.substring(colon + 1) : "";
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(digits));
        } catch (NumberFormatException huge) {
            return OptionalInt.of(Integer.MAX_VALUE);
        }
    }

    /** How many nodes each run of a job with these tags runs on: the smallest count among its tags, 1 when none has one. */
    public static int ofTags(Map<String, String> tags) {
        return tags == null ? 1 : tags.values().stream().map(v -> of(v == null ? "" : v)).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).map(n -> Math.max(1, Math.min(n, MOST))).min().orElse(1);
    }

    /** Whether an execution's target is a node slot of such a run. */
    public static boolean isSlot(String target) {
        return target != null && target.startsWith(SLOT);
    }
}
