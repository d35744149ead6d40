package io.pendule.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The image run by a real container engine (docker, or podman where it may run containers): host network (the tests'
 * PostgreSQL is on the host's 127.0.0.1), a read-only root with a tmpfs on /tmp as the Kubernetes manifests give it,
 * the volumes as bind mounts. Settings go by name ({@code -e NAME}, the value from the engine's environment), so no
 * secret is on a command line.
 */
final class EngineContainer implements RunningImage {

    private final ContainerImage image;
    private final String name;
    private final Map<String, String> settings;

    private EngineContainer(ContainerImage image, String name, Map<String, String> settings) {
        this.image = image;
        this.name = name;
        this.settings = settings;
    }

    /** Whether {@code engine} can run a container of {@code image} here (where the sandbox allows none it cannot). */
    static boolean canRun(ContainerImage image) throws Exception {
        return ContainerImage.run(Map.of(), Duration.ofSeconds(60), image.engine(), "run", "--rm", "--network", "host",
                "--entrypoint", "/bin/sh", image.name(), "-c", "exit 0").status() == 0;
    }

    static EngineContainer start(ContainerImage image, String name, Map<String, String> settings, List<Volume> volumes) throws Exception {
        ContainerImage.run(Map.of(), Duration.ofSeconds(60), image.engine(), "rm", "-f", name);
        List<String> command = new ArrayList<>(List.of(image.engine(), "run", "-d", "--name", name, "--network", "host",
                "--read-only", "--tmpfs", "/tmp"));
        for (Volume volume : volumes) {
            command.addAll(List.of("-v", volume.source().toAbsolutePath() + ":" + volume.target() + (volume.readOnly() ? ":ro" : "")));
        }
        settings.keySet().forEach(setting -> command.addAll(List.of("-e", setting)));
        command.add(image.name());
        ContainerImage.Result started = ContainerImage.run(settings, Duration.ofSeconds(60), command.toArray(String[]::new));
        if (started.status() != 0) {
            throw ContainerImage.failed(String.join(" ", command), started);
        }
        return new EngineContainer(image, name, settings);
    }

    @Override
    public ContainerImage.Result exec(Map<String, String> env, String... command) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(env);
        List<String> exec = new ArrayList<>(List.of(image.engine(), "exec"));
        all.keySet().forEach(setting -> exec.addAll(List.of("-e", setting)));
        exec.add(name);
        exec.addAll(List.of(command));
        return ContainerImage.run(all, Duration.ofSeconds(30), exec.toArray(String[]::new));
    }

    /** {@code ENGINE stop -t}: the image's stop signal, then SIGKILL after {@code patience}. */
    @Override
    public Duration stop(Duration patience) throws Exception {
        long start = System.nanoTime();
        ContainerImage.run(Map.of(), patience.plusSeconds(30), image.engine(), "stop", "-t", Long.toString(patience.toSeconds()), name);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public boolean alive() throws Exception {
        return ContainerImage.run(Map.of(), Duration.ofSeconds(30), image.engine(), "inspect", "-f", "{{.State.Running}}", name)
                .output().strip().equals("true");
    }

    /** The exit status of the container's process; 137 is a SIGKILL (a stop that outlasted its grace). */
    @Override
    public int exitValue() throws Exception {
        return Integer.parseInt(ContainerImage.run(Map.of(), Duration.ofSeconds(30), image.engine(), "inspect", "-f",
                "{{.State.ExitCode}}", name).output().strip());
    }

    @Override
    public String log() throws Exception {
        return ContainerImage.run(Map.of(), Duration.ofSeconds(30), image.engine(), "logs", name).output();
    }

    @Override
    public void close() throws Exception {
        ContainerImage.run(Map.of(), Duration.ofSeconds(60), image.engine(), "rm", "-f", name);
    }
}
