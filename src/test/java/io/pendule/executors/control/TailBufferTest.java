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

    @Test
    void growsFromSmallToItsCapacityKeepingEveryByteThenTheTail() {
        TailBuffer buffer = new TailBuffer(5_000);
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            String line = i + "\n";
            written.append(line);
            byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            buffer.append(bytes, 0, bytes.length);
            String expected = written.length() <= 5_000 ? written.toString() : written.substring(written.length() - 5_000);
            assertEquals(expected, buffer.toString(), "after line " + i);
        }
        assertTrue(buffer.truncated());
    }
}
