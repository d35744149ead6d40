package io.pendule.packs.control;

import io.pendule.packs.entity.PackContent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Archives in and out of the registry. An upload (a zip or a tar.gz, told apart by their first bytes) is read in
 * memory into a {@link PackContent}, never extracted to disk; what is stored is the normalized archive of that
 * content: a zip of stored (uncompressed) entries in path order, every folder included, all dated 1980-01-01, so that
 * the same pack gives the same bytes, and the same sha256, whatever archive or folder it came from and on every node.
 */
public final class PackArchives {

    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private PackArchives() {
    }

    /** The pack folder an uploaded archive holds; every problem of its entries at once (400), or a limit passed. */
    public static PackContent read(byte[] archive, PackLimits limits) {
        PackEntries entries = new PackEntries(limits);
        if (archive.length > limits.maxBytes()) {
            throw PackEntries.tooBig("is larger than " + limits.maxBytes() + " bytes (PENDULE_PACK_MAX_BYTES)");
        }
        if (ZipReader.isZip(archive)) {
            ZipReader.read(archive, entries);
        } else if (TarReader.isGzip(archive)) {
            TarReader.read(archive, entries);
        } else {
            throw ZipReader.notReadable("is neither a zip nor a tar.gz archive");
        }
        return entries.content();
    }

    /** The normalized archive of a pack folder. */
    public static byte[] normalized(PackContent content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            java.util.SortedMap<String, byte[]> entries = new java.util.TreeMap<>();
            content.folders().forEach(folder -> entries.put(folder + "/", null));
            entries.putAll(content.files());
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] data = entry.getValue() == null ? new byte[0] : entry.getValue();
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setMethod(ZipEntry.STORED);
                zipEntry.setTimeLocal(FIXED_TIME);
                zipEntry.setSize(data.length);
                zipEntry.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                zipEntry.setCrc(crc.getValue());
                zip.putNextEntry(zipEntry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
