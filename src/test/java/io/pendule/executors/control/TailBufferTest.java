package io.pendule.executors.control;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TailBufferTest {

    @Test
    void keepsEverythingUnderTheCapacity() {
        TailBuffer buffer = new TailBuffer(10);
        append(buffer, "hello");
        append(buffer, "world");
        assertEquals("helloworld", buffer.toString());
        assertFalse(buffer.truncated());
        assertEquals(10, buffer.totalBytes());
    }

    @Test
    void keepsTheTailOverManySmallAppends() {
        TailBuffer buffer = new TailBuffer(4);
        for (char c = 'a'; c <= 'k'; c++) {
            append(buffer, String.valueOf(c));
        }
        assertEquals("hijk", buffer.toString());
        assertTrue(buffer.truncated());
        assertEquals(11, buffer.totalBytes());
    }

    @Test
    void keepsTheTailOfOneLargeAppendAndOfAWrappingOne() {
        TailBuffer buffer = new TailBuffer(4);
        append(buffer, "0123456789");
        assertEquals("6789", buffer.toString());
        append(buffer, "ab");
        assertEquals("89ab", buffer.toString());
        byte[] bytes = "xxcdexx".getBytes(StandardCharsets.UTF_8);
        buffer.append(bytes, 2, 3);
        assertEquals("bcde", buffer.toString());
    }

    @Test
    void dropsAMultibyteCharacterCutByTheTruncation() {
        TailBuffer buffer = new TailBuffer(4);
        append(buffer, "x€ab"); // € is 3 bytes: the tail starts in its middle
        assertEquals("ab", buffer.toString());
        append(buffer, "é");
        assertEquals("abé", buffer.toString());
    }

    private static void append(TailBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.append(bytes, 0, bytes.length);
    }
}
