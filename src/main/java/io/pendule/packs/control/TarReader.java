package io.pendule.packs.control;

import io.pendule.api.entity.ValidationException;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a gzipped tar archive held in memory, streaming: POSIX ustar headers (with their name prefix), pax extended
 * headers ({@code path}, {@code size}) and GNU long names. Every byte the gzip stream gives is counted, and a file's
 * declared size is checked against the pack's room before it is read, so that a gzip bomb stops early. Links
 * (typeflags 1 and 2) and device files and pipes (3, 4, 6) are problems named by the entry.
 */
final class TarReader {

    private static final int BLOCK = 512;

    private TarReader() {
    }

    static boolean isGzip(byte[] archive) {
        return archive.length >= 2 && (archive[0] & 0xff) == 0x1f && (archive[1] & 0xff) == 0x8b;
    }

    static void read(byte[] archive, PackEntries into) {
        try (InputStream tar = new Bounded(new GZIPInputStream(new ByteArrayInputStream(archive), 64 << 10), into)) {
            entries(tar, into);
        } catch (EOFException e) {
            throw ZipReader.notReadable("is a truncated tar.gz archive");
        } catch (IOException e) {
            throw ZipReader.notReadable("is not a readable tar.gz archive (" + e.getMessage() + ")");
        }
    }

    private static void entries(InputStream tar, PackEntries into) throws IOException {
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (!block(tar, header)) {
                return; // no end-of-archive blocks: taken as the end
            }
            if (zeros(header)) {
                return;
            }
            checksum(header);
            into.count();
            char type = (char) header[156];
            long size = pax.containsKey("size") ? paxSize(pax.get("size")) : octal(header, 124, 12);
            String name = pax.getOrDefault("path", longName != null ? longName : name(header));
            switch (type) {
                case 'x', 'L', 'g', 'K' -> {
                    byte[] data = metadata(tar, size);
                    if (type == 'x') {
                        pax = records(data);
                    } else if (type == 'L') {
                        longName = cString(data, 0, data.length);
                    }
                    continue;
                }
                case '0', '\0', '7' -> {
                    if (size > into.room()) {
                        throw into.overSize();
                    }
                    byte[] content = tar.readNBytes((int) size);
                    if (content.length < size) {
                        throw new EOFException();
                    }
                    skip(tar, padding(size));
                    into.add(name, PackEntries.Kind.FILE, content);
                }
                case '5' -> {
                    skip(tar, size + padding(size));
                    into.add(name, PackEntries.Kind.FOLDER, null);
                }
                case '1', '2' -> {
                    skip(tar, size + padding(size));
                    into.add(name, PackEntries.Kind.LINK, null);
                }
                case '3', '4', '6' -> {
                    skip(tar, size + padding(size));
                    into.add(name, PackEntries.Kind.SPECIAL, null);
                }
                default -> {
                    skip(tar, size + padding(size));
                    into.problem(name, "has an unknown tar entry type '" + type + "'");
                }
            }
            pax = new HashMap<>();
            longName = null;
        }
    }

    private static byte[] metadata(InputStream tar, long size) throws IOException {
        if (size > PackLimits.MAX_HEADER_BYTES) {
            throw ZipReader.notReadable("has an extended tar header over " + PackLimits.MAX_HEADER_BYTES + " bytes");
        }
        byte[] data = tar.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException();
        }
        skip(tar, padding(size));
        return data;
    }

    /** A pax header's records, "LENGTH key=value\n" each. */
    private static Map<String, String> records(byte[] data) {
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            if (space < 0) {
                break;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw ZipReader.notReadable("has a damaged pax header");
            }
            if (length <= space - at || at + length > data.length) {
                throw ZipReader.notReadable("has a damaged pax header");
            }
            String record = utf8(data, space + 1, at + length - 1 - (space + 1));
            int equals = record.indexOf('=');
            if (equals > 0) {
                records.put(record.substring(0, equals), record.substring(equals + 1));
            }
            at += length;
        }
        return records;
    }

    private static long paxSize(String text) {
        try {
            long size = Long.parseLong(text.trim());
            if (size >= 0) {
                return size;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ZipReader.notReadable("has a pax size that is not a number");
    }

    private static String name(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static void checksum(byte[] header) {
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        if (sum != octal(header, 148, 8)) {
            throw ZipReader.notReadable("is not a tar archive (a header's checksum does not match)");
        }
    }

    /** An octal number field; the base-256 form (sizes over 8 GiB) is refused. */
    private static long octal(byte[] header, int at, int length) {
        if ((header[at] & 0x80) != 0) {
            throw ZipReader.notReadable("has an entry too big for a pack");
        }
        int i = at;
        while (i < at + length && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long value = 0;
        for (; i < at + length && header[i] != 0 && header[i] != ' '; i++) {
            byte b = header[i];
            if (b < '0' || b > '7') {
                throw ZipReader.notReadable("is not a tar archive (a number field is not octal)");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static String cString(byte[] data, int at, int length) {
        int end = at;
        while (end < at + length && data[end] != 0) {
            end++;
        }
        return utf8(data, at, end - at);
    }

    private static String utf8(byte[] data, int at, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, at, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("Pack refused, nothing was stored", "file", "has an entry name that is not UTF-8");
        }
    }

    private static boolean block(InputStream tar, byte[] header) throws IOException {
        int n = tar.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException();
        }
        return true;
    }

    private static boolean zeros(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    /** Skips by reading, so that the skipped bytes are counted too. */
    private static void skip(InputStream tar, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = bytes; left > 0; ) {
            int n = tar.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException();
            }
            left -= n;
        }
    }

    /**
     * The tar stream, at most the pack's size plus room for one header and padding per entry: whatever the headers
     * say, a gzip bomb stops there.
     */
    private static final class Bounded extends java.io.FilterInputStream {
        private final PackEntries entries;
        private final long most;
        private long read;

        Bounded(InputStream in, PackEntries entries) {
            super(in);
            this.entries = entries;
            this.most = entries.room() + (entries.maxEntries() + 2L) * 2 * BLOCK + PackLimits.MAX_HEADER_BYTES;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("not skipped: read");
        }

        private void count(int n) {
            read += n;
            if (read > most) {
                throw entries.overSize();
            }
        }
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
