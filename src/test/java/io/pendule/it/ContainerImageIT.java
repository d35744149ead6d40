package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/Dockerfile built into an image and run as the image says (its entry point, user, working directory,
 * environment, volume, health check, stop signal; read from the built image, not from the Dockerfile), on the host's
 * PostgreSQL: it boots, answers ready, its health check passes inside it, it runs a shell job inside the image as the
 * image's user, and on SIGTERM it stops within Kubernetes' default grace of 30 s with its runs recorded.
 *
 * <p>The image is built by podman (or docker) on a base made from Debian's packages by docker/make-base-image.sh, or
 * on -Dpendule.it.container.base. Where the engine can run containers, it runs the image ({@link EngineContainer});
 * where it cannot (these machines' sandbox refuses `podman run`), the image's file system is run as a process
 * ({@link MountedImage}): the image's content and configuration are checked, not a container's isolation.
 */
class ContainerImageIT {

    private static final Duration KUBERNETES_GRACE = Duration.ofSeconds(30);
    private static final String IMAGE = "localhost/pendule-container-it:latest";
    /** A job that tells where and as whom it runs: the jar is in the image only, the user is the image's. */
    private static final String WHERE = "test -f /opt/pendule/pendule.jar && echo \"in the image as $(id -u):$(id -g)\"";

    @Test
    void theImageBootsAnswersReadyRunsAJobOnPostgresqlAndStopsWithinKubernetesGrace() throws Exception {
        String engine = ContainerImage.chosenEngine();
        assertTrue(ContainerImage.installed(engine), engine + " is needed to build the image (.ci/run installs podman)");
        ContainerImage image = ContainerImage.build(engine, ContainerImage.base(engine), IMAGE);
        try {
            String user = image.user();
            assertTrue(user.matches("[1-9]\\d*:[1-9]\\d*"), "a non-root uid:gid: " + user);
            int uid = Integer.parseInt(user.split(":")[0]);
            int gid = Integer.parseInt(user.split(":")[1]);
            assertEquals(1, image.volumes().size(), image.volumes().toString());
            String volumeTarget = image.volumes().get(0);
            assertEquals(volumeTarget, Path.of(image.env().get("PENDULE_DATA_DIR")).getParent().toString(),
                    "the volume is the data dir's parent");

            String db = TestDatabases.freshPostgres("pendule_it_container");
            int port = PenduleProcess.freePort();
            Map<String, String> settings = Map.of("PENDULE_PORT", Integer.toString(port), "PENDULE_NODE_NAME", "container-1",
                    "PENDULE_DB_URL", db, "PENDULE_DB_USER", "postgres");
            Path tmp = Path.of(System.getProperty("it.tmpdir", "target"));
            Path volume = ownedBy(Files.createTempDirectory(tmp, "container-volume"), uid, gid, "rwx------");
            Path secrets = adminSettingsFiles(tmp, uid, gid);
            List<RunningImage.Volume> volumes = List.of(new RunningImage.Volume(volume, volumeTarget, false),
                    new RunningImage.Volume(secrets, settingsDir(), true));

            try (RunningImage node = start(image, settings, volumes, tmp.resolve("container-image.log"), uid)) {
                awaitReady(node, "http://127.0.0.1:" + port + "/health/ready");
                ContainerImage.Result pid1 = node.exec(Map.of(), "/bin/sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline");
                assertEquals(String.join(" ", image.command()) + " ", pid1.output(), "the entry point is PID 1, which gets the stop signal");

                ContainerImage.Result health = node.exec(Map.of(), image.healthcheckCommand().toArray(String[]::new));
                assertEquals(0, health.status(), "the image's health check inside it: " + health.output());
                ContainerImage.Result elsewhere = node.exec(Map.of("PENDULE_PORT", Integer.toString(PenduleProcess.freePort())),
                        image.healthcheckCommand().toArray(String[]::new));
                assertNotEquals(0, elsewhere.status(), "the health check fails where no node answers");

                Api api = new Api("http://127.0.0.1:" + port + "/v1"); // the admin token of the settings file
                assertEquals(201, api.post("/jobs", CoreScenarios.job("where", "@manually", "shell",
                        Map.of("shell", "true", "command", WHERE))).status());
                assertEquals(202, api.post("/jobs/where", "").status());
                JsonNode where = CoreScenarios.finishedExecution(api, "where");
                assertEquals("succeeded", where.get("status").asText(), where.toString());
                assertEquals("in the image as " + user + "\n", where.get("output").asText());

                assertEquals(201, api.post("/jobs", CoreScenarios.job("long", "@manually", "shell",
                        Map.of("shell", "true", "command", "sleep 300"))).status());
                assertEquals(202, api.post("/jobs/long", "").status());
                api.await("/jobs/long/executions", Duration.ofSeconds(20),
                        list -> list.size() == 1 && list.get(0).get("status").asText().equals("running"));

                Duration took = node.stop(KUBERNETES_GRACE.plusSeconds(10));
                assertFalse(node.alive(), "the node did not stop in 40 s:\n" + tail(node.log()));
                assertTrue(took.compareTo(KUBERNETES_GRACE) < 0, "the stop took " + took + ", more than Kubernetes' grace");
                System.out.println("ContainerImageIT: " + node.getClass().getSimpleName() + " stopped in " + took);
                assertEquals(143, node.exitValue(), "ended by the SIGTERM (128 + 15; a SIGKILL would be 137):\n" + tail(node.log()));
            }
            List<String> runs = TestDatabases.query(db, "SELECT job_name || ' ' || status || ' ' || coalesce(error, '') "
                    + "FROM execution ORDER BY id", rs -> rs.getString(1));
            assertEquals(2, runs.size(), runs.toString());
            assertEquals("where succeeded ", runs.get(0));
            assertTrue(runs.get(1).startsWith("long failed node stopping"), "the run still going is recorded: " + runs.get(1));
            Path dataDir = volume.resolve(Path.of(volumeTarget).relativize(Path.of(image.env().get("PENDULE_DATA_DIR"))));
            assertEquals(uid, Files.getAttribute(dataDir, "unix:uid"), "the data dir, made by the node in the volume");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
        } finally {
            image.remove();
        }
    }

    /**
     * The engine runs the image if it can; else podman's mount of it runs as a process, whose files are looked at
     * first: the volume's folder is the image user's (COPY --chown), the program is not writable by it.
     */
    private static RunningImage start(ContainerImage image, Map<String, String> settings, List<RunningImage.Volume> volumes,
                                      Path log, int uid) throws Exception {
        if (EngineContainer.canRun(image)) {
            return EngineContainer.start(image, "pendule-container-it", settings, volumes);
        }
        assertTrue(image.engine().endsWith("podman"), image.engine() + " cannot run containers here, and only podman can mount an image");
        Path root = MountedImage.mount(image);
        try {
            Path volume = root.resolve(volumes.get(0).target().substring(1));
            assertEquals(uid, Files.getAttribute(volume, "unix:uid"), "the volume's folder in the image, where the node makes its data dir");
            // its mode depends on the builder (Buildah's --chmod sets the copied files' only, BuildKit's lately the folder's)
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(volume));
            assertTrue(mode.startsWith("rwx") && mode.charAt(4) != 'w' && mode.charAt(7) != 'w', "only its owner writes in it: " + mode);
            Path jar = root.resolve("opt/pendule/pendule.jar");
            assertEquals(0, Files.getAttribute(jar, "unix:uid"));
            assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)));
            return MountedImage.start(image, root, settings, volumes, log);
        } catch (Throwable failed) {
            MountedImage.unmount(image);
            throw failed;
        }
    }

    private static void awaitReady(RunningImage node, String ready) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(180);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            assertTrue(node.alive(), "the image's process ended:\n" + tail(node.log()));
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(ready)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (java.io.IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready after 180 s, last answer: " + last + "\n" + tail(node.log()));
    }

    /** The admin's password and token as settings files, as Compose's secrets and Kubernetes' Secret volumes give them. */
    private static Path adminSettingsFiles(Path tmp, int uid, int gid) throws Exception {
        Path secrets = Files.createTempDirectory(tmp, "container-settings");
        Files.writeString(secrets.resolve("pendule.admin.password"), Deployments.ADMIN_PASSWORD + "\n");
        Files.writeString(secrets.resolve("pendule.admin.token"), Deployments.ADMIN_TOKEN + "\n");
        for (String file : List.of("pendule.admin.password", "pendule.admin.token")) {
            ownedBy(secrets.resolve(file), uid, gid, "r--------");
        }
        return ownedBy(secrets, uid, gid, "r-x------");
    }

    private static Path ownedBy(Path path, int uid, int gid, String mode) throws Exception {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        return path;
    }

    /** The folder Payara reads settings files from in the image (docker/image/pendule.asadmin, given by the entry point). */
    private static String settingsDir() throws Exception {
        Matcher dir = Pattern.compile("set-config-dir --directory=(\\S+)")
                .matcher(Files.readString(Path.of("docker/image/pendule.asadmin")));
        assertTrue(dir.find());
        return dir.group(1);
    }

    private static String tail(String log) {
        List<String> lines = new ArrayList<>(log.lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
