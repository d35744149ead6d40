package io.pendule.metrics.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped alert rules (docs/operations/alerts.yml) and Grafana dashboard (docs/operations/grafana-dashboard.json)
 * parse, have the shape Prometheus and Grafana read, and name only series Pendule exports ({@link PenduleMetric}).
 */
class OperationsFilesTest {

    private static final Pattern SERIES = Pattern.compile("\\bpendule_[a-z0-9_]+");
    private static final Path ALERTS = Path.of("docs/operations/alerts.yml");
    private static final Path DASHBOARD = Path.of("docs/operations/grafana-dashboard.json");

    static Set<String> exported() {
        return Arrays.stream(PenduleMetric.values()).flatMap(m -> m.seriesNames().stream()).collect(Collectors.toSet());
    }

    static Set<String> named(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = SERIES.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    @Test
    void theAlertRulesParseAndNameOnlyExportedSeries() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
        List<String> expressions = new ArrayList<>();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rules.get("groups")) {
            assertTrue(group.hasNonNull("name"), group.toString());
            for (JsonNode rule : group.get("rules")) {
                assertTrue(rule.hasNonNull("alert") && rule.hasNonNull("expr") && rule.path("labels").hasNonNull("severity")
                        && rule.path("annotations").hasNonNull("summary"), rule.toString());
                alerts.add(rule.get("alert").asText());
                expressions.add(rule.get("expr").asText());
            }
        }
        assertTrue(alerts.containsAll(Set.of("PenduleJobWithoutSuccess", "PenduleFireLagHigh", "PenduleOrphans",
                "PenduleNodeDown")), alerts.toString());
        Set<String> named = named(expressions);
        assertTrue(named.containsAll(Set.of("pendule_job_last_success_timestamp_seconds", "pendule_job_period_seconds",
                "pendule_fire_lag_seconds_bucket", "pendule_orphans_declared_total", "pendule_node_up")), named.toString());
        named.removeAll(exported());
        assertEquals(Set.of(), named, "series the alert rules name that Pendule does not export");
    }

    @Test
    void theDashboardParsesAndNamesOnlyExportedSeries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertEquals("pendule", dashboard.get("uid").asText());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertTrue(panel.hasNonNull("title") && panel.hasNonNull("gridPos") && panel.get("targets").size() > 0, panel.toString());
            panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText()));
        }
        dashboard.path("templating").path("list").forEach(variable -> expressions.add(variable.path("definition").asText()));
        Set<String> named = named(expressions);
        assertTrue(named.size() >= 12, "the dashboard shows most series: " + named);
        named.removeAll(exported());
        assertEquals(Set.of(), named, "series the dashboard names that Pendule does not export");
    }

    /** The check can fail: a name Pendule does not export is caught, and a histogram's parts are known. */
    @Test
    void theCheckCatchesAnUnknownSeries() {
        Set<String> named = named(List.of("rate(pendule_runs_total[5m]) + pendule_no_such_thing",
                "histogram_quantile(0.9, pendule_fire_lag_seconds_bucket)"));
        named.removeAll(exported());
        assertEquals(Set.of("pendule_no_such_thing"), named);
        assertFalse(exported().contains("pendule_fire_lag_seconds"), "a histogram is read by its _bucket, _sum and _count");
    }
}
