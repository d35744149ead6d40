package io.pendule.cluster.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's tags ({@code PENDULE_NODE_TAGS}, "zone=internal,db=reachable") and whether a job's Dkron-style
 * tags ("key": "value" or "value:count") select it.
 */
public final class NodeTags {

    private final Map<String, String> tags;

    public NodeTags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
    }

    public static NodeTags parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    tags.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return new NodeTags(tags);
    }

    public Map<String, String> asMap() {
        return tags;
    }

    public boolean selectedBy(Map<String, String> jobTags) {
        if (jobTags == null) {
            return true;
        }
        return jobTags.entrySet().stream().allMatch(t -> valueWithoutCount(t.getValue()).equals(tags.get(t.getKey())));
    }

    private static String valueWithoutCount(String value) {
        int colon = value.lastIndexOf(':');
        return colon >= 0 && value.substring(colon + 1).chars().allMatch(Character::isDigit) ? value.substring(0, colon) : value;
    }
}
