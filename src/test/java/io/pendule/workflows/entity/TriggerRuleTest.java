package io.pendule.workflows.entity;

import io.pendule.executions.entity.ExecutionStatus;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.pendule.executions.entity.ExecutionStatus.CANCELLED;
import static io.pendule.executions.entity.ExecutionStatus.FAILED;
import static io.pendule.executions.entity.ExecutionStatus.ORPHANED;
import static io.pendule.executions.entity.ExecutionStatus.SUCCEEDED;
import static io.pendule.executions.entity.ExecutionStatus.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TriggerRuleTest {

    private static Set<ExecutionStatus> answered(TriggerRule rule) {
        return Arrays.stream(ExecutionStatus.values()).filter(rule::answers).collect(Collectors.toCollection(() -> EnumSet.noneOf(ExecutionStatus.class)));
    }

    @Test
    void eachRuleAnswersItsOutcomesAndNoneAnswersARunThatDidNotHappen() {
        assertEquals(EnumSet.of(SUCCEEDED), answered(TriggerRule.ON_SUCCESS));
        assertEquals(EnumSet.of(SUCCEEDED), answered(TriggerRule.ALL_SUCCESS));
        assertEquals(EnumSet.of(FAILED, TIMED_OUT, ORPHANED), answered(TriggerRule.ON_FAILURE));
        assertEquals(EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, ORPHANED), answered(TriggerRule.ALWAYS));
    }

    @Test
    void rulesAreReadFromTheirJsonCodes() {
        assertEquals(Optional.of(TriggerRule.ALL_SUCCESS), TriggerRule.ofCode("all_success"));
        assertEquals(Optional.of(TriggerRule.ON_FAILURE), TriggerRule.ofCode("on_failure"));
    }
}
