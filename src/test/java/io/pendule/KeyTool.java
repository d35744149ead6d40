package io.pendule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The JDK's keytool, run by the tests that need a certificate of their own (TLS servers, custom CAs). */
public final class KeyTool {

    private KeyTool() {
    }

    /** Runs keytool with {@code args}; throws with its output when it fails. */
    public static void run(String... args) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(Stream.concat(Stream.of(keytool), Stream.of(args)).toList())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
