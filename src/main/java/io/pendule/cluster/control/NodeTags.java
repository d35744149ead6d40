package io.pendule.cluster.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * An SQL condition on the job named by {@code jobNameColumn}, true when none of its tag rows (job_tag) rules this
     * node out: each must be one of this node's tags, its value alone or with a Dkron count ("value:2"). It lets a claim
     * skip in the database the runs this node may not take, so that they do not fill its batch; it may let through a
     * value with a colon that is no count, which {@link #selectedBy} still refuses. Its parameters:
     * {@link #filterParameters()}, in order.
     */
    public String filterSql(String jobNameColumn) {
        String matches = String.join(" OR ", tags.keySet().stream()
                .map(key -> "(t.tag_key = ? AND (t.tag_value = ? OR t.tag_value LIKE ? ESCAPE '!'))").toList());
        return "NOT EXISTS (SELECT 1 FROM job_tag t WHERE t.job_name = " + jobNameColumn
                + (tags.isEmpty() ? "" : " AND NOT (" + matches + ")") + ")";
    }

    /** The values of {@link #filterSql}'s parameters. */
    public List<String> filterParameters() {
        List<String> parameters = new ArrayList<>();
        tags.forEach((key, value) -> {
            parameters.add(key);
            parameters.add(value);
            parameters.add(value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ":%");
        });
        return parameters;
    }

    private static String valueWithoutCount(String value) {
        int colon = value.lastIndexOf(':');
        return colon >= 0 && value.substring(colon + 1).chars().allMatch(Character::isDigit) ? value.substring(0, colon) : value;
    }
}
