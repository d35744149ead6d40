package io.pendule.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak: the distribution org.keycloak:keycloak-quarkus-dist that the build unpacks (-Dkeycloak.home), in
 * development mode on 127.0.0.1, with the realm src/test/resources/keycloak/pendule-realm.json imported (its redirect
 * addresses pointed at the Pendule node's port), on the first JDK 21+ found under /usr/lib/jvm (Keycloak 26 needs
 * one; Pendule's own is 17). Its data are made anew at every start.
 */
final class Keycloak implements AutoCloseable {

    static final String REALM = "pendule";
    static final String CLIENT_ID = "pendule";
    static final String CLIENT_SECRET = "pendule-client-secret";
    private static final Duration BOOT = Duration.ofSeconds(180);

    private final Process process;
    final int port;
    private final Path log;
    private final String adminPassword;

    private Keycloak(Process process, int port, Path log, String adminPassword) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /** Starts Keycloak with the test realm, its client's redirect addresses on {@code penduleRoot}, and waits for it. */
    static Keycloak start(int port, String penduleRoot) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.4.7"));
        Path java = newEnoughJava().orElse(null);
        String missing = !Files.isExecutable(home.resolve("bin/kc.sh")) ? "Keycloak at " + home + " (mvn verify unpacks it)"
                : java == null ? "a JDK 21 or newer under /usr/lib/jvm (Keycloak 26 needs one)" : null;
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("missing " + missing);
            }
            Assumptions.abort("missing " + missing + "; skipped outside CI");
        }
        deleteTree(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        String realm = Files.readString(Path.of("src/test/resources/keycloak/pendule-realm.json"))
                .replace("http://127.0.0.1:PENDULE_PORT", penduleRoot);
        Files.writeString(imports.resolve("pendule-realm.json"), realm);
        Path log = Path.of(System.getProperty("it.tmpdir", "target"), "keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", java.toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Keycloak's Quarkus resets thread locals, which Java 24+ allows only with this opening
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "kcadmin");
        String adminPassword = "kcadmin-" + System.nanoTime();
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        Keycloak keycloak = new Keycloak(builder.start(), port, log, adminPassword);
        keycloak.awaitRealm();
        return keycloak;
    }

    /** The realm's issuer URL. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /**
     * A token of the realm for {@code user}, by the password grant of {@code client} (the test realm allows it), as a
     * script or service would get one: the field {@code field} of the answer (access_token, id_token).
     */
    String token(String client, String secret, String user, String password, String field) throws Exception {
        String form = "grant_type=password&scope=openid&username=" + user + "&password=" + password;
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((client + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(200, answer.statusCode(), "Keycloak's token for " + user + ": " + answer.body());
        return io.pendule.platform.Json.MAPPER.readTree(answer.body()).path(field).asText();
    }

    /** Puts {@code user} in {@code group} of the realm, as Keycloak's administrator would, by its admin REST API. */
    void addToGroup(String user, String group) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/realms/master/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=kcadmin&password="
                        + adminPassword)).build(), HttpResponse.BodyHandlers.ofString());
        String bearer = "Bearer " + io.pendule.platform.Json.MAPPER.readTree(signIn.body()).path("access_token").asText();
        String admin = "http://127.0.0.1:" + port + "/admin/realms/" + REALM;
        String userId = io.pendule.platform.Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(admin
                + "/users?exact=true&username=" + user)).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString())
                .body()).path(0).path("id").asText();
        String groupId = io.pendule.platform.Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(admin
                + "/groups?exact=true&search=" + group)).header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString())
                .body()).path(0).path("id").asText();
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(admin + "/users/" + userId + "/groups/" + groupId))
                .header("Authorization", bearer).PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Assertions.assertEquals(204, added.statusCode(), "Keycloak added " + user + " to " + group + ": " + added.body());
    }

    private void awaitRealm() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(BOOT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ": " + tail());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(issuer()
                        + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak not ready after " + BOOT + ": " + tail());
    }

    private String tail() throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 3000));
    }

    /** The newest JDK of version 21 or more under /usr/lib/jvm, by its release file. */
    static Optional<Path> newEnoughJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                    .filter(jdk -> featureVersion(jdk) >= 21)
                    .max(Comparator.comparingInt(Keycloak::featureVersion));
        }
    }

    private static int featureVersion(Path jdk) {
        try {
            return Files.readAllLines(jdk.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "").split("[.+-]")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
