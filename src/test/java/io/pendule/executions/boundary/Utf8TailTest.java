package io.pendule.executions.boundary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8TailTest {

    @Test
    void keepsTheLastBytesWithoutCuttingACharacter() {
        assertEquals("abc", Utf8Tail.of("abc", 10));
        assertEquals("bc", Utf8Tail.of("abc", 2));
        assertEquals("", Utf8Tail.of("abc", 0));
        // "é" is 2 bytes: 3 bytes from the end would start inside it, so the tail starts after it
        assertEquals("tz", Utf8Tail.of("été" + "tz", 3));
        assertEquals("étz", Utf8Tail.of("été" + "tz", 4));
    }
}
