package io.pendule.executions.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutionRecorderTest {

    @Test
    void retriesWaitOneSecondThenDoubleUpToAMinute() {
        assertEquals(Duration.ofSeconds(1), ExecutionRecorder.retryDelay(1));
        assertEquals(Duration.ofSeconds(2), ExecutionRecorder.retryDelay(2));
        assertEquals(Duration.ofSeconds(32), ExecutionRecorder.retryDelay(6));
        assertEquals(Duration.ofMinutes(1), ExecutionRecorder.retryDelay(7));
        assertEquals(Duration.ofMinutes(1), ExecutionRecorder.retryDelay(60));
    }
}
