package io.pendule.packs.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a zip archive held in memory by its central directory, as unzip tools do, and never trusts the sizes it
 * declares: each entry is inflated counting the bytes it gives, and the reading stops once the pack's limit is passed
 * (a zip bomb is a few kB that inflate to gigabytes). The central directory's external attributes tell links and
 * device files (Unix mode), which {@code java.util.zip}'s readers do not expose. Zip64, multi-disk and encrypted
 * archives are refused: a pack is small.
 */
final class ZipReader {

    private static final int END = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int UNIX = 3;
    private static final int TYPE_MASK = 0170000;
    private static final int LINK = 0120000;
    private static final int FOLDER = 0040000;
    private static final int FILE = 0100000;

    private ZipReader() {
    }

    static boolean isZip(byte[] archive) {
        return archive.length >= 4 && (le(archive).getInt(0) == LOCAL || le(archive).getInt(0) == END);
    }

    static void read(byte[] archive, PackEntries into) {
        ByteBuffer zip = le(archive);
        int end = endRecord(zip);
        int count = zip.getShort(end + 10) & 0xffff;
        long directory = zip.getInt(end + 16) & 0xffffffffL;
        if ((zip.getShort(end + 4) & 0xffff) != 0 || (zip.getShort(end + 6) & 0xffff) != 0) {
            throw notReadable("is a multi-part zip archive");
        }
        if (count == 0xffff || directory == 0xffffffffL) {
            throw notReadable("is a zip64 archive: a pack is small enough for a plain zip");
        }
        int at = (int) Math.min(directory, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            into.count();
            at = entry(zip, at, into);
        }
    }

    /** Reads the central directory record at {@code at} and its data; returns where the next record starts. */
    private static int entry(ByteBuffer zip, int at, PackEntries into) {
        need(zip, at, 46);
        if (zip.getInt(at) != CENTRAL) {
            throw notReadable("has a damaged central directory");
        }
        int madeBy = (zip.getShort(at + 4) & 0xffff) >>> 8;
        int flags = zip.getShort(at + 8) & 0xffff;
        int method = zip.getShort(at + 10) & 0xffff;
        long crc = zip.getInt(at + 16) & 0xffffffffL;
        long compressed = zip.getInt(at + 20) & 0xffffffffL;
        int nameLength = zip.getShort(at + 28) & 0xffff;
        int extraLength = zip.getShort(at + 30) & 0xffff;
        int commentLength = zip.getShort(at + 32) & 0xffff;
        int external = zip.getInt(at + 38);
        long local = zip.getInt(at + 42) & 0xffffffffL;
        need(zip, at + 46, nameLength);
        byte[] rawName = Arrays.copyOfRange(zip.array(), at + 46, at + 46 + nameLength);
        String name = name(rawName);
        int next = at + 46 + nameLength + extraLength + commentLength;
        if (name == null) {
            into.problem(new String(rawName, StandardCharsets.ISO_8859_1), "has a name that is not UTF-8");
            return next;
        }
        int mode = madeBy == UNIX ? external >>> 16 & TYPE_MASK : 0;
        boolean folder = name.endsWith("/") || mode == FOLDER || madeBy != UNIX && (external & 0x10) != 0;
        if (mode != 0 && mode != FILE && mode != FOLDER) {
            into.add(name, mode == LINK ? PackEntries.Kind.LINK : PackEntries.Kind.SPECIAL, null);
            return next;
        }
        if (folder) {
            into.add(name, PackEntries.Kind.FOLDER, null);
            return next;
        }
        if ((flags & 1) != 0) {
            into.problem(name, "is encrypted");
            return next;
        }
        byte[] content = content(zip, local, rawName, name, method, compressed, into);
        if (content != null) {
            CRC32 check = new CRC32();
            check.update(content);
            if (check.getValue() != crc) {
                into.problem(name, "is damaged (its CRC does not match)");
                return next;
            }
            into.add(name, PackEntries.Kind.FILE, content);
        }
        return next;
    }

    private static byte[] content(ByteBuffer zip, long local, byte[] rawName, String name, int method, long compressed,
                                  PackEntries into) {
        if (local > Integer.MAX_VALUE - 30) {
            throw notReadable("has a damaged central directory");
        }
        int header = (int) local;
        need(zip, header, 30);
        int localName = zip.getShort(header + 26) & 0xffff;
        int localExtra = zip.getShort(header + 28) & 0xffff;
        need(zip, header + 30, localName);
        if (zip.getInt(header) != LOCAL
                || !Arrays.equals(rawName, Arrays.copyOfRange(zip.array(), header + 30, header + 30 + localName))) {
            into.problem(name, "is named differently in its local header and in the central directory");
            return null;
        }
        int start = header + 30 + localName + localExtra;
        if (compressed > zip.capacity() - (long) start) {
            throw notReadable("is truncated");
        }
        int length = (int) compressed;
        if (method == 0) {
            if (length > into.room()) {
                throw into.overSize();
            }
            return Arrays.copyOfRange(zip.array(), start, start + length);
        }
        if (method != 8) {
            into.problem(name, "is compressed by a method other than deflate (" + method + ")");
            return null;
        }
        return inflate(zip.array(), start, length, name, into);
    }

    /** Inflates counting every byte given: past the pack's room, the reading stops whatever the headers said. */
    private static byte[] inflate(byte[] archive, int start, int length, String name, PackEntries into) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(archive, start, length);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 << 10];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    into.problem(name, "is damaged (its compressed data ends early)");
                    return null;
                }
                if (out.size() + (long) n > into.room()) {
                    throw into.overSize();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            into.problem(name, "is damaged (" + e.getMessage() + ")");
            return null;
        } finally {
            inflater.end();
        }
    }

    private static int endRecord(ByteBuffer zip) {
        for (int at = zip.capacity() - 22; at >= Math.max(0, zip.capacity() - 22 - 0xffff); at--) {
            if (zip.getInt(at) == END) {
                return at;
            }
        }
        throw notReadable("is not a complete zip archive (no end of central directory)");
    }

    private static String name(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void need(ByteBuffer zip, long at, int length) {
        if (at < 0 || at + length > zip.capacity()) {
            throw notReadable("is truncated or damaged");
        }
    }

    private static ByteBuffer le(byte[] archive) {
        return ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
    }

    static io.pendule.api.entity.ValidationException notReadable(String why) {
        return new io.pendule.api.entity.ValidationException("Pack refused, nothing was stored", "file", why);
    }
}
