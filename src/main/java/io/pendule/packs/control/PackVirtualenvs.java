package io.pendule.packs.control;

import io.pendule.packs.entity.PackVersion;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Python virtualenv per pack version on each node, for the packs with a requirements.txt: made once, with
 * {@code python3 -m venv}, then put first on the runs' PATH, so that the seed's {@code pip install -r requirements.txt}
 * installs into it the first time and finds everything there afterwards. Made under a lock that holds across threads
 * and across processes sharing the folder (a file lock), and marked ready only once made: a half-made one (a node
 * killed meanwhile) is made again. Named by the version and the start of its sha256, so a version deleted and imported
 * again with other content gets its own.
 */
final class PackVirtualenvs {

    static final String READY = ".pendule-ready";
    private static final long CREATE_MINUTES = 5;
    private static final Map<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final Path root;
    private final String python;

    /** {@code root}: where the virtualenvs live (made 0700); {@code python}: the interpreter that makes them. */
    PackVirtualenvs(Path root, String python) {
        this.root = root;
        this.python = python;
    }

    /** The pack version's virtualenv on this node, made first when it is not there. */
    Path of(PackVersion pack, Map<String, String> environment) throws IOException, InterruptedException {
        Path venv = root.resolve(pack.name() + "-" + pack.version() + "-" + pack.sha256().substring(0, 12));
        if (Files.exists(venv.resolve(READY))) {
            return venv;
        }
        PackWorkspaces.ownerOnlyFolders(root);
        ReentrantLock lock = IN_THIS_PROCESS.computeIfAbsent(venv, path -> new ReentrantLock());
        lock.lockInterruptibly();
        try (FileChannel file = FileChannel.open(root.resolve(venv.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = file.lock()) {
            if (!Files.exists(venv.resolve(READY))) {
                PackWorkspaces.delete(venv);
                make(venv, environment);
                Files.writeString(venv.resolve(READY), pack.name() + " " + pack.version() + " " + pack.sha256() + "\n");
            }
            return venv;
        } finally {
            lock.unlock();
        }
    }

    private void make(Path venv, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(python, "-m", "venv", venv.toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("virtualenv: cannot run " + python + " (the pack has a requirements.txt): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readNBytes(8192);
        if (!process.waitFor(CREATE_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("virtualenv: " + python + " -m venv took more than " + CREATE_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            PackWorkspaces.delete(venv);
            throw new IOException("virtualenv: " + python + " -m venv " + venv + " ended with exit status " + process.exitValue()
                    + ": " + new String(output, StandardCharsets.UTF_8).strip());
        }
    }
}
