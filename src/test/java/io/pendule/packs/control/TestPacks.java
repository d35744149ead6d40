package io.pendule.packs.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs and archives built in the tests with the JDK: a valid pack's files, zips (one entry may be made a Unix
 * symbolic link by patching its central directory's external attributes) and tar.gz archives written header by header
 * (any typeflag, any name).
 */
public final class TestPacks {

    private TestPacks() {
    }

    /** A valid metric pack's files, at the archive's root. */
    public static Map<String, String> valid(String name, String version) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("properties.json", "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"author\":\"armand leopold\","
                + "\"description\":\"Métriques de base\",\"mainscript\":\"metrics.py\",\"type\":\"metric\"}");
        files.put("bootstrap-script.sh", "#!/bin/sh\ncd process\npython3 metrics.py\n");
        files.put("process/metrics.py", "print('metrics')\n");
        files.put("process/conf.json", "{\"threshold\": 3}");
        files.put("create-table/create.sql", "CREATE TABLE IF NOT EXISTS basic_metric (id INT);\n");
        files.put("requirements.txt", "");
        files.put("Readme.md", "# Basic\n<script>alert('readme')</script>\n");
        files.put("kibana-dashboard/export.ndjson", "{\"type\":\"dashboard\",\"id\":\"basic\"}\n\n{\"type\":\"visualization\"}\n");
        return files;
    }

    /** The files of a test pack kept under src/test/resources/packs/{@code name}, by path in the pack. */
    public static Map<String, String> fromResources(String name) {
        try {
            java.nio.file.Path root = java.nio.file.Path.of(TestPacks.class.getResource("/packs/" + name).toURI());
            Map<String, String> files = new java.util.TreeMap<>();
            try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
                for (java.nio.file.Path file : paths.filter(java.nio.file.Files::isRegularFile).toList()) {
                    files.put(root.relativize(file).toString().replace('\\', '/'), java.nio.file.Files.readString(file));
                }
            }
            return new LinkedHashMap<>(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test pack's output read as the NAME=value lines it prints (the last one of a name wins). */
    public static Map<String, String> printed(String output) {
        Map<String, String> lines = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> lines.put(line.substring(0, line.indexOf('=')),
                line.substring(line.indexOf('=') + 1)));
        return lines;
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in hex: what the test packs print of the credentials they get. */
    public static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files under {@code folder}/ (an archive whose pack is in one top folder). */
    public static Map<String, String> inFolder(String folder, Map<String, String> files) {
        Map<String, String> moved = new LinkedHashMap<>();
        files.forEach((path, content) -> moved.put(folder + "/" + path, content));
        return moved;
    }

    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip whose entry {@code link} is a Unix symbolic link (mode 0120777 in its external attributes). */
    public static byte[] zipWithSymlink(Map<String, String> files, String link) {
        byte[] zip = zip(files);
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 46 < zip.length; at++) {
            if (buffer.getInt(at) == 0x02014b50) {
                int nameLength = buffer.getShort(at + 28) & 0xffff;
                String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
                if (name.equals(link)) {
                    buffer.put(at + 5, (byte) 3); // made by Unix
                    buffer.putInt(at + 38, 0120777 << 16);
                    return zip;
                }
            }
        }
        throw new IllegalArgumentException("no entry " + link);
    }

    /** A zip of one entry of {@code bytes} zeros: a few kB that inflate to {@code bytes}. */
    public static byte[] zipBomb(Map<String, String> files, long bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("process/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One tar entry: a name, a typeflag ('0' file, '5' folder, '2' symlink, '1' hard link, '3' device …) and content. */
    public record TarEntry(String name, char type, String content) {
        public static TarEntry file(String name, String content) {
            return new TarEntry(name, '0', content);
        }
    }

    public static byte[] tarGz(Map<String, String> files) {
        return tarGz(files.entrySet().stream().map(e -> TarEntry.file(e.getKey(), e.getValue())).toArray(TarEntry[]::new));
    }

    public static byte[] tarGz(TarEntry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (TarEntry entry : entries) {
                byte[] content = entry.content() == null ? new byte[0] : entry.content().getBytes(StandardCharsets.UTF_8);
                String name = entry.name();
                if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                    byte[] record = pax("path", name);
                    gzip.write(header("PaxHeader", 'x', record.length, ""));
                    gzip.write(record);
                    gzip.write(new byte[(512 - record.length % 512) % 512]);
                    name = "long-name";
                }
                boolean data = entry.type() == '0';
                gzip.write(header(name, entry.type(), data ? content.length : 0, data ? "" : entry.content() == null ? "" : entry.content()));
                if (data) {
                    gzip.write(content);
                    gzip.write(new byte[(512 - content.length % 512) % 512]);
                }
            }
            gzip.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] pax(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        int total = length + String.valueOf(length).length();
        if (String.valueOf(total).length() != String.valueOf(length).length()) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String name, char type, long size, String link) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", size));
        put(header, 136, String.format("%011o", 1_700_000_000L));
        header[156] = (byte) type;
        put(header, 157, link);
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        return header;
    }

    private static void put(byte[] header, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, at, bytes.length);
    }
}
