package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * docker/Dockerfile built into an image by a container engine (podman, or docker), and what the image says of itself
 * ({@code ENGINE image inspect}): its entry point, command, user, working directory, environment, volumes and health
 * check. The tests run what the image says, not what the Dockerfile's text says.
 */
record ContainerImage(String engine, String name, List<String> entrypoint, List<String> cmd, String user,
                      String workingDir, Map<String, String> env, List<String> volumes, List<String> healthcheck) {

    /** A command's exit status and output (stdout and stderr together). */
    record Result(int status, String output) {
    }

    /**
     * The engine the tests use: the system property pendule.it.container.engine, else podman when installed, else
     * docker.
     */
    static String chosenEngine() {
        String chosen = System.getProperty("pendule.it.container.engine", "");
        if (!chosen.isBlank()) {
            return chosen;
        }
        return installed("podman") ? "podman" : "docker";
    }

    /**
     * The base image: the system property pendule.it.container.base (say eclipse-temurin:17-jre where a registry is
     * reachable), else the one docker/make-base-image.sh makes from Debian's packages (once per machine).
     */
    static String base(String engine) throws Exception {
        String chosen = System.getProperty("pendule.it.container.base", "");
        if (!chosen.isBlank()) {
            return chosen;
        }
        Result made = run(Map.of("ENGINE", engine), Duration.ofMinutes(10), "bash", "docker/make-base-image.sh");
        if (made.status() != 0) {
            throw new IllegalStateException("docker/make-base-image.sh failed (it needs root and debootstrap; or give "
                    + "-Dpendule.it.container.base=eclipse-temurin:17-jre):\n" + made.output());
        }
        List<String> lines = made.output().lines().toList();
        return lines.get(lines.size() - 1).trim();
    }

    /** Builds docker/Dockerfile from the repository's root (target/pendule.jar must be there) on {@code base}. */
    static ContainerImage build(String engine, String base, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(engine, "build"));
        if (engine.endsWith("podman")) {
            command.addAll(List.of("--format", "docker")); // OCI's image format has no HEALTHCHECK: podman drops it
        }
        command.addAll(List.of("-f", "docker/Dockerfile", "--build-arg", "BASE_IMAGE=" + base, "-t", name, "."));
        Result built = run(Map.of(), Duration.ofMinutes(5), command.toArray(String[]::new));
        if (built.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + built.output());
        }
        return inspect(engine, name);
    }

    static ContainerImage inspect(String engine, String name) throws Exception {
        Result inspected = run(Map.of(), Duration.ofSeconds(30), engine, "image", "inspect", name);
        if (inspected.status() != 0) {
            throw new IllegalStateException(engine + " image inspect " + name + ":\n" + inspected.output());
        }
        JsonNode image = Api.JSON.readTree(inspected.output()).get(0);
        JsonNode config = image.path("Config");
        Map<String, String> env = new LinkedHashMap<>();
        config.path("Env").forEach(pair -> {
            String[] split = pair.asText().split("=", 2);
            env.put(split[0], split.length > 1 ? split[1] : "");
        });
        List<String> volumes = new ArrayList<>();
        config.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        // Docker keeps the health check in the configuration, podman next to it
        JsonNode health = config.path("Healthcheck").isMissingNode() ? image.path("Healthcheck") : config.path("Healthcheck");
        return new ContainerImage(engine, name, strings(config.path("Entrypoint")), strings(config.path("Cmd")),
                config.path("User").asText(""), config.path("WorkingDir").asText(""), env, volumes, strings(health.path("Test")));
    }

    /** The command the image runs: its entry point, then its CMD. */
    List<String> command() {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        return command;
    }

    /** The health check as a command line: {@code CMD-SHELL x} is {@code /bin/sh -c x}, {@code CMD a b} is {@code a b}. */
    List<String> healthcheckCommand() {
        if (healthcheck.isEmpty() || healthcheck.get(0).equals("NONE")) {
            throw new AssertionError(name + " has no health check");
        }
        return switch (healthcheck.get(0)) {
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", healthcheck.get(1));
            case "CMD" -> healthcheck.subList(1, healthcheck.size());
            default -> throw new AssertionError("a health check test of kind " + healthcheck.get(0));
        };
    }

    /** Removes the image (its layers shared with the base stay). */
    void remove() throws Exception {
        run(Map.of(), Duration.ofSeconds(60), engine, "image", "rm", "-f", name);
    }

    /** Runs a command on the host from the repository's root, with {@code env} added to the environment. */
    static Result run(Map<String, String> env, Duration timeout, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("basedir", ".")).toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end in " + timeout);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static boolean installed(String program) {
        try {
            return run(Map.of(), Duration.ofSeconds(10), "sh", "-c", "command -v " + program).status() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }

    static IOException failed(String what, Result result) {
        return new IOException(what + " (status " + result.status() + "):\n" + result.output());
    }
}
