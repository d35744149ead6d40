package io.pendule.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The backup and restore scripts of the Dkron users' seed document (../shared/seeds/000_8f31e23f89aec0cd.txt), read
 * from it and run with bash as they are, but for the lines the scripts themselves say to replace: the port and,
 * for the restore, the backup file's name.
 */
final class SeedScripts {

    static final String ABSENT = "../shared/seeds/000_8f31e23f89aec0cd.txt absent: the seed's scripts are not run";
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);

    final String backup;
    final String restore;

    private SeedScripts(String backup, String restore) {
        this.backup = backup;
        this.restore = restore;
    }

    static Optional<SeedScripts> load() throws IOException {
        Path seed = Path.of(System.getProperty("basedir", "."), "..", "shared", "seeds", "000_8f31e23f89aec0cd.txt");
        if (!Files.isRegularFile(seed)) {
            return Optional.empty();
        }
        Matcher blocks = BASH_BLOCK.matcher(Files.readString(seed));
        List<String> scripts = new ArrayList<>();
        while (blocks.find()) {
            scripts.add(blocks.group(1));
        }
        assertEquals(2, scripts.size(), "the seed holds a backup and a restore script");
        return Optional.of(new SeedScripts(scripts.get(0), scripts.get(1)));
    }

    /** Runs the backup script against {@code port} in {@code dir}; answers the backup file it wrote. */
    Path runBackup(Path dir, int port) throws Exception {
        run(replaced(backup, "PORT=8080", "PORT=" + port), dir);
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("backup-dkron_")).findFirst().orElseThrow();
        }
    }

    /** Runs the restore script against {@code port} on {@code backupFile}; answers what it printed (curl's answers). */
    String runRestore(Path dir, int port, Path backupFile) throws Exception {
        String script = replaced(restore, "PORT=8080", "PORT=" + port);
        script = replaced(script, "BACKUP_FILE=backup-dkron_$DATE", "BACKUP_FILE=" + backupFile.getFileName());
        return run(script, dir);
    }

    /** Replaces one whole line the script asks its user to replace; the rest stays as written. */
    private static String replaced(String script, String line, String with) {
        List<String> lines = new ArrayList<>(script.lines().toList());
        int at = lines.indexOf(line);
        if (at < 0) {
            throw new AssertionError("the seed's script no longer has the line " + line);
        }
        lines.set(at, with);
        return String.join("\n", lines) + "\n";
    }

    private static String run(String script, Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("script-" + System.nanoTime() + ".sh"), script);
        Process bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!bash.waitFor(120, TimeUnit.SECONDS)) {
            bash.destroyForcibly();
            throw new AssertionError("script did not finish: " + output);
        }
        assertEquals(0, bash.exitValue(), "script failed: " + output);
        return output;
    }
}
