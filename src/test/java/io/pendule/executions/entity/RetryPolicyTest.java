package io.pendule.executions.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void theDefaultWaitsOneSecondThenDoublesUpToAMinute() {
        RetryPolicy policy = new RetryPolicy();
        assertEquals(Duration.ofSeconds(1), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(2), policy.delayAfter(2));
        assertEquals(Duration.ofSeconds(32), policy.delayAfter(6));
        assertEquals(Duration.ofMinutes(1), policy.delayAfter(7));
        assertEquals(Duration.ofMinutes(1), policy.delayAfter(60));
    }

    @Test
    void aBackoffOfOneKeepsTheDelayFixed() {
        RetryPolicy policy = new RetryPolicy("30s", "1h", 1, 0);
        assertEquals(Duration.ofSeconds(30), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(30), policy.delayAfter(9));
    }

    @Test
    void theMaximumCapsTheBackoff() {
        RetryPolicy policy = new RetryPolicy("10s", "25s", 3, 0);
        assertEquals(Duration.ofSeconds(10), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(25), policy.delayAfter(2));
    }

    @Test
    void jitterStaysWithinItsShareOfTheDelay() {
        RetryPolicy policy = new RetryPolicy("10s", "1m", 2, 0.2);
        boolean varied = false;
        Duration first = policy.delayAfter(1);
        for (int i = 0; i < 1000; i++) {
            Duration d = policy.delayAfter(1);
            assertTrue(d.compareTo(Duration.ofSeconds(8)) >= 0 && d.compareTo(Duration.ofSeconds(12)) <= 0, d.toString());
            varied |= !d.equals(first);
        }
        assertTrue(varied, "jitter never varied the delay");
    }
}
