package io.pendule.workflows.entity;

import io.pendule.executions.entity.ExecutionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.pendule.executions.entity.ExecutionStatus.FAILED;
import static io.pendule.executions.entity.ExecutionStatus.QUEUED;
import static io.pendule.executions.entity.ExecutionStatus.RUNNING;
import static io.pendule.executions.entity.ExecutionStatus.SKIPPED;
import static io.pendule.executions.entity.ExecutionStatus.SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupProgressTest {

    private static GroupProgress.Row row(String job, String target, ExecutionStatus status) {
        return new GroupProgress.Row(job, target, status);
    }

    @Test
    void aRulePackOnAnEndpointWaitsForTheMetricPacksOnThatEndpointOnly() {
        GroupProgress progress = new GroupProgress(List.of(
                row("cpu", "db1", SUCCEEDED), row("cpu", "db2", RUNNING),
                row("disk", "db1", SUCCEEDED), row("disk", "db2", SUCCEEDED)));
        Set<String> metrics = Set.of("cpu", "disk");

        assertTrue(progress.readyFor("db1", metrics));
        assertFalse(progress.readyFor("db2", metrics), "cpu on db2 still runs");
        assertFalse(progress.readyOnce(metrics), "a downstream without targets waits for every endpoint");
    }

    @Test
    void aFailedEndpointHoldsBackItsOwnRulesOnlyUntilARetrySucceeds() {
        List<GroupProgress.Row> rows = List.of(row("cpu", "db1", FAILED), row("cpu", "db2", SUCCEEDED), row("cpu", "db1", QUEUED));
        assertFalse(new GroupProgress(rows).readyFor("db1", Set.of("cpu")));
        assertTrue(new GroupProgress(rows).readyFor("db2", Set.of("cpu")));

        GroupProgress retried = new GroupProgress(List.of(row("cpu", "db1", FAILED), row("cpu", "db2", SUCCEEDED),
                row("cpu", "db1", SUCCEEDED)));
        assertTrue(retried.readyFor("db1", Set.of("cpu")));
        assertTrue(retried.readyOnce(Set.of("cpu")));
    }

    @Test
    void anEndpointNoUpstreamRanAgainstRunsOnceEveryUpstreamIsDone() {
        Set<String> metrics = Set.of("cpu");
        assertFalse(new GroupProgress(List.of(row("cpu", "db1", RUNNING))).readyFor("db3", metrics));
        assertTrue(new GroupProgress(List.of(row("cpu", "db1", SUCCEEDED))).readyFor("db3", metrics));
    }

    @Test
    void anUpstreamThatHasNotRunYetHoldsEveryTargetBack() {
        GroupProgress progress = new GroupProgress(List.of(row("cpu", "db1", SUCCEEDED)));
        assertFalse(progress.readyFor("db1", Set.of("cpu", "extract")));
        assertFalse(progress.readyOnce(Set.of("cpu", "extract")));
    }

    @Test
    void anUpstreamWithoutTargetsCountsForEveryTarget() {
        GroupProgress progress = new GroupProgress(List.of(row("extract", "", SUCCEEDED), row("cpu", "db1", SUCCEEDED)));
        assertTrue(progress.readyFor("db1", Set.of("extract", "cpu")));
        assertTrue(progress.readyOnce(Set.of("extract", "cpu")));
    }

    @Test
    void aRunWithNothingToRunAgainstIsNoSuccess() {
        GroupProgress progress = new GroupProgress(List.of(row("cpu", "", SKIPPED)));
        assertFalse(progress.readyOnce(Set.of("cpu")));
        assertFalse(progress.readyFor("db1", Set.of("cpu")), "cpu ran against every target (\"\") and did not succeed");
    }
}
