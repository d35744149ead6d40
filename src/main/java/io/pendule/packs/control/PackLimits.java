package io.pendule.packs.control;

/**
 * How big a pack may be: its archive, and the bytes its files unpack to, at most {@code maxBytes} each
 * (PENDULE_PACK_MAX_BYTES); at most {@code maxEntries} entries (PENDULE_PACK_MAX_ENTRIES).
 */
public record PackLimits(long maxBytes, int maxEntries) {

    public static final long DEFAULT_MAX_BYTES = 50L << 20;
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** A pax header or a GNU long name is a few hundred bytes; more is refused. */
    static final int MAX_HEADER_BYTES = 64 << 10;
}
