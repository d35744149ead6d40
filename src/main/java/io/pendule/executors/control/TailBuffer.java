package io.pendule.executors.control;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last {@code capacity} bytes written to it, so a run's output stays bounded in memory
 * however much the job prints; the end of a log is usually what explains a failure.
 * The buffer starts small and grows up to the capacity: most runs print a few bytes, and thousands of
 * runs in flight must not each hold 256 kB.
 * Thread-safe: writers and the reader of the result may be different threads.
 */
public final class TailBuffer {

    /** Per stream, as Dkron caps a job's output. */
    public static final int DEFAULT_CAPACITY = 256_000;

    private static final int INITIAL_SIZE = 1024;

    private final int capacity;
    private byte[] ring;
    private int next;
    private long totalBytes;

    public TailBuffer() {
        this(DEFAULT_CAPACITY);
    }

    public TailBuffer(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0");
        }
        this.capacity = capacity;
        this.ring = new byte[Math.min(capacity, INITIAL_SIZE)];
    }

    public synchronized void append(byte[] bytes, int offset, int length) {
        growFor(length);
        totalBytes += length;
        if (length >= ring.length) {
            System.arraycopy(bytes, offset + length - ring.length, ring, 0, ring.length);
            next = 0;
            return;
        }
        int first = Math.min(length, ring.length - next);
        System.arraycopy(bytes, offset, ring, next, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        next = (next + length) % ring.length;
    }

    /** Until the ring has its full capacity nothing has wrapped, so the kept bytes are its first totalBytes. */
    private void growFor(int length) {
        long needed = totalBytes + length;
        if (ring.length == capacity || needed <= ring.length) {
            return;
        }
        int size = (int) Math.min(capacity, Math.max(2L * ring.length, needed));
        byte[] larger = new byte[size];
        System.arraycopy(ring, 0, larger, 0, (int) totalBytes);
        ring = larger;
        next = (int) totalBytes;
    }

    public void append(ByteBuffer buffer) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        append(chunk, 0, chunk.length);
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    public synchronized boolean truncated() {
        return totalBytes > capacity;
    }

    /** The kept bytes as UTF-8; malformed input is replaced, and a character cut by the truncation is dropped. */
    @Override
    public String toString() {
        return tail(capacity);
    }

    /** The last {@code maxBytes} kept bytes as UTF-8, decoded as {@link #toString()} does. */
    public String tail(int maxBytes) {
        byte[] kept;
        long total;
        synchronized (this) {
            kept = bytes();
            total = totalBytes;
        }
        int start = Math.max(0, kept.length - maxBytes);
        if (total > kept.length - start) {
            int firstWhole = start;
            while (firstWhole < kept.length && firstWhole < start + 3 && isContinuationByte(kept[firstWhole])) {
                firstWhole++;
            }
            start = firstWhole;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(kept, start, kept.length - start))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException impossibleWithReplace) {
            throw new IllegalStateException(impossibleWithReplace);
        }
    }

    private synchronized byte[] bytes() {
        int kept = (int) Math.min(totalBytes, ring.length);
        byte[] tail = new byte[kept];
        if (totalBytes <= ring.length) {
            System.arraycopy(ring, 0, tail, 0, kept);
        } else {
            System.arraycopy(ring, next, tail, 0, ring.length - next);
            System.arraycopy(ring, 0, tail, ring.length - next, next);
        }
        return tail;
    }

    private static boolean isContinuationByte(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
