package io.pendule.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image's file system run as a process where no engine can run it: {@code podman image mount} (read-only), then
 * docker/run-image-rootfs.sh (its own mount and PID namespaces, the image's entry point as PID 1, as the image's
 * user, in its working directory, with exactly the image's environment and the settings given). The network is the
 * host's, as with an engine's {@code --network host}. Needs root. This checks the image's content, not isolation.
 */
final class MountedImage implements RunningImage {

    private final ContainerImage image;
    /** Where {@code podman image mount} put the image's files. */
    final Path root;
    private final Map<String, String> settings;
    private final Process process;
    private final Path log;

    private MountedImage(ContainerImage image, Path root, Map<String, String> settings, Process process, Path log) {
        this.image = image;
        this.root = root;
        this.settings = settings;
        this.process = process;
        this.log = log;
    }

    /** Mounts the image's files (read-only): for a look at them, and for {@link #start}. Give them back by {@link #unmount}. */
    static Path mount(ContainerImage image) throws Exception {
        ContainerImage.Result mounted = ContainerImage.run(Map.of(), Duration.ofSeconds(60), image.engine(), "image", "mount", image.name());
        if (mounted.status() != 0) {
            throw ContainerImage.failed(image.engine() + " image mount " + image.name(), mounted);
        }
        return Path.of(mounted.output().strip());
    }

    static void unmount(ContainerImage image) throws Exception {
        ContainerImage.run(Map.of(), Duration.ofSeconds(60), image.engine(), "image", "unmount", image.name());
    }

    /** Starts the image's command on its mounted files ({@link #mount} first); its output goes to {@code log}. */
    static MountedImage start(ContainerImage image, Path root, Map<String, String> settings, List<Volume> volumes, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "docker/run-image-rootfs.sh", root.toString(),
                numericUser(image.user()), image.workingDir().isEmpty() ? "/" : image.workingDir()));
        for (Volume volume : volumes) {
            command.add(volume.source() + ":" + volume.target() + (volume.readOnly() ? ":ro" : ""));
        }
        command.add("--");
        command.addAll(image.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("basedir", ".")).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(image.env());
        builder.environment().putAll(settings);
        return new MountedImage(image, root, settings, builder.start(), log);
    }

    /** The image's PID 1, seen from the host: the only child of the script's process, once it has forked. */
    private ProcessHandle init() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var child = process.children().findFirst();
            if (child.isPresent() || !process.isAlive()) {
                return child.orElseThrow(() -> new IllegalStateException("the image's process ended: " + readLog()));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("run-image-rootfs.sh started no process in 5 s");
    }

    /**
     * As {@code docker exec}: into the namespaces, root, working directory and user of the image's PID 1, with its
     * environment (the image's and the settings it was started with) and {@code env}.
     */
    @Override
    public ContainerImage.Result exec(Map<String, String> env, String... command) throws Exception {
        String[] user = numericUser(image.user()).split(":");
        List<String> nsenter = new ArrayList<>(List.of("/usr/bin/nsenter", "--target", Long.toString(init().pid()),
                "--mount", "--pid", "--root", "--wd", "--setuid", user[0], "--setgid", user[1], "--"));
        nsenter.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(nsenter).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(image.env());
        builder.environment().putAll(settings);
        builder.environment().putAll(env);
        Process exec = builder.start();
        exec.getOutputStream().close();
        byte[] output = exec.getInputStream().readAllBytes();
        if (!exec.waitFor(30, TimeUnit.SECONDS)) {
            exec.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end in 30 s");
        }
        return new ContainerImage.Result(exec.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** SIGTERM (the image's STOPSIGNAL, which the test checks) to PID 1, as an engine sends it from outside. */
    @Override
    public Duration stop(Duration patience) throws Exception {
        ProcessHandle init = init();
        long start = System.nanoTime();
        init.destroy();
        process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public boolean alive() {
        return process.isAlive();
    }

    /** The exit status of PID 1 (run-image-rootfs.sh's process ends as it does). */
    @Override
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public String log() {
        return readLog();
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills PID 1 (the whole PID namespace dies with it) and the script's process, then unmounts the image. */
    @Override
    public void close() throws Exception {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        } finally {
            unmount(image);
        }
    }

    /** An image's USER as uid:gid; a name would need the image's /etc/passwd, which Pendule's image does not use. */
    private static String numericUser(String user) {
        String both = user.isEmpty() ? "0:0" : user.contains(":") ? user : user + ":0";
        if (!both.matches("\\d+:\\d+")) {
            throw new AssertionError("a numeric USER (uid:gid) is expected: " + user);
        }
        return both;
    }
}
