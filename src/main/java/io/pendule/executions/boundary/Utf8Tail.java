package io.pendule.executions.boundary;

import java.nio.charset.StandardCharsets;

/** The last bytes of a text in UTF-8, never cutting a character in two. */
final class Utf8Tail {

    private Utf8Tail() {
    }

    static String of(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        int from = bytes.length - maxBytes;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
            from++; // a continuation byte: start at the next whole character
        }
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
