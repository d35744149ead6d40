package io.pendule.executions.control;

import io.pendule.metrics.control.Metrics;
import io.pendule.metrics.entity.SkipReason;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.executors.entity.RunTargets;
import io.pendule.executions.entity.NewExecution;
import io.pendule.executions.entity.NodeCount;
import io.pendule.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * One run of a job becomes one execution per target its executor names (a pack job: one per endpoint its pack is
 * activated on), all in the run's group; most jobs' runs are one execution without a target. Asked when the run is
 * queued, by every way a run is: a fire, a run now, a start-up run, a dependent run. A run with nothing to run against
 * is recorded skipped, with why, so that it is seen rather than lost.
 */
@ApplicationScoped
public class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class.getName());

    @Inject
    ExecutorRegistry executors;
    @Inject
    ExecutionIds ids;
    @Inject
    Metrics metrics;

    /**
     * What a run of a job with this executor, config and tags runs against: its executor's targets, or its node slots
     * when its tags ask for several nodes ({@link NodeCount}; the jobs API refuses both at once). An executor that
     * cannot say runs nothing, and says why.
     */
    public RunTargets targetsOf(String executor, Map<String, String> config, Map<String, String> tags) {
        RunTargets targets;
        try {
            targets = executors.named(executor).map(e -> e.targets(config == null ? Map.of() : config)).orElse(RunTargets.ONE);
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not list the targets of a run (executor " + executor + "): " + e);
            return RunTargets.of(List.of(), "its targets could not be listed: " + e.getMessage());
        }
        int nodes = NodeCount.ofTags(tags);
        if (nodes == 1 || targets.fansOut()) {
            return targets;
        }
        return RunTargets.of(IntStream.rangeClosed(1, nodes).mapToObj(slot -> NodeCount.SLOT + slot).toList(), null);
    }

    /**
     * As {@link #targetsOf(String, Map, Map)}, from a job row's stored JSON: a config or tags that no longer parse run
     * once (the run's claim finds the job broken and says so).
     */
    public RunTargets targetsOfStored(String executor, String configJson, String tagsJson) {
        try {
            return targetsOf(executor, Json.readStringMap(configJson), Json.readStringMap(tagsJson));
        } catch (RuntimeException e) {
            return RunTargets.ONE;
        }
    }

    /**
     * The rows of {@code run} (its first row, whose id and group the others share) against each of {@code targets},
     * restricted to {@code only} when it is not null (a re-run of some endpoints): one skipped row when none is left.
     */
    public List<NewExecution> rows(Connection connection, NewExecution run, RunTargets targets, Set<String> only,
                                   Instant now) throws SQLException {
        List<String> chosen = only == null ? targets.targets()
                : targets.targets().stream().filter(only::contains).toList();
        if (chosen.isEmpty()) {
            String why = only != null && !targets.targets().isEmpty()
                    ? "none of the targets asked for is among the run's: " + String.join(", ", targets.targets())
                    : targets.whyNone();
            metrics.runSkipped(SkipReason.NO_TARGETS);
            return List.of(run.skipped(now, "skipped: " + why));
        }
        List<NewExecution> rows = new ArrayList<>();
        for (String target : chosen) {
            rows.add(run.against(rows.isEmpty() ? run.id() : ids.next(connection), target));
        }
        return rows;
    }
}
