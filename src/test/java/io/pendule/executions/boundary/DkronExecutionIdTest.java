package io.pendule.executions.boundary;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DkronExecutionIdTest {

    @Test
    void readsStartInNanosecondsAndNode() {
        DkronExecutionId id = DkronExecutionId.parse("1762855260100123000-dkron-1").orElseThrow();
        assertEquals(Instant.parse("2025-11-11T10:01:00.100123Z"), id.startedAt());
        assertEquals("dkron-1", id.node());
    }

    @Test
    void pendulesNumbersAndGarbageAreNotDkronIds() {
        assertEquals(Optional.empty(), DkronExecutionId.parse("12000"));
        assertEquals(Optional.empty(), DkronExecutionId.parse("not-an-id"));
        assertEquals(Optional.empty(), DkronExecutionId.parse("99999999999999999999-node"));
    }
}
