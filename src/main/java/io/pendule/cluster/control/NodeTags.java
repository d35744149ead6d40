package io.pendule.cluster.control;

import io.pendule.executions.entity.NodeCount;
import io.pendule.platform.Settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A node's tags, the ones it advertises in /v1/members and the ones jobs are matched against (the same: a job's tags
 * copied from /v1/members must select that node): {@code PENDULE_NODE_TAGS} ("zone=internal,db=reachable") plus Dkron's
 * own, {@code role} ("pendule"), {@code server} ("true" on a worker) and {@code version}, unless PENDULE_NODE_TAGS sets
 * them. A job's Dkron-style tags ("key": "value" or "value:count") select the nodes that have every one.
 */
public final class NodeTags {

    private final Map<String, String> tags;

    public NodeTags(Map<String, String> tags) {
        this.tags = Map.copyOf(tags);
    }

    /** Dkron's role tag of a node that does not set its own: Dkron's agents say "dkron", Pendule's say "pendule". */
    public static final String DEFAULT_ROLE = "pendule";

    /** The tags a node advertises and is matched by: its configured ones, then Dkron's role, server and version. */
    public static NodeTags advertised(Map<String, String> configured, String roles, String version) {
        Map<String, String> tags = new TreeMap<>(configured == null ? Map.of() : configured);
        tags.putIfAbsent("role", DEFAULT_ROLE);
        tags.putIfAbsent("server", Boolean.toString(roles != null && Arrays.stream(roles.split(",")).map(String::trim)
                .anyMatch("worker"::equals)));
        tags.putIfAbsent("version", version == null ? "" : version);
        return new NodeTags(tags);
    }

    /** This node's advertised tags, from its settings. */
    public static NodeTags of(Settings settings) {
        return advertised(parse(settings.nodeTags()).asMap(), settings.roles(), settings.version());
    }

    /** The node count of a Dkron tag value ("pendule:2" → 2), empty when it has none (see {@link NodeCount}). */
    public static OptionalInt count(String value) {
        return NodeCount.of(value);
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
        return count(value).isPresent() ? value.substring(0, value.lastIndexOf(':')) : value;
    }
}
