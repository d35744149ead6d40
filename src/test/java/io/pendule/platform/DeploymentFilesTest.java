package io.pendule.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.pendule.cluster.boundary.DkronHealth;
import jakarta.servlet.annotation.WebServlet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/Dockerfile, docker/compose.yaml and docker/kubernetes/ against the code: the settings they give are settings
 * Pendule reads (the keys platform.Settings asks for), their probes and health checks call the health servlet's paths,
 * their ports are the node's, their grace periods outlast the graceful stop. The Kubernetes manifests are read into
 * fabric8's model classes, strictly: a field the model does not have (a typo, a wrong indentation) fails.
 */
class DeploymentFilesTest {

    static final Path DOCKER = Path.of("docker");
    static final Path KUBERNETES = DOCKER.resolve("kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** What a node may be told besides Pendule's settings: the JVM's options. */
    static final Set<String> NOT_SETTINGS = Set.of("JDK_JAVA_OPTIONS");
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Deployment", Deployment.class,
            "Service", Service.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class,
            "PodDisruptionBudget", PodDisruptionBudget.class);

    /** The environment variable of each setting key platform.Settings reads, over all its getters. */
    static final Map<String, String> SETTINGS = settingKeysByEnvironmentName();
    static final List<String> HEALTH_PATHS = List.of(DkronHealth.class.getAnnotation(WebServlet.class).value());
    static final String READY = healthPath("/ready");
    static final String LIVE = healthPath("/live");
    static final int PORT = Settings.of(Map.of()).port();

    // ---- the image

    @Test
    void theImageRunsTheJarAsANonRootUserWithItsDataDirOnAVolume() throws IOException {
        Dockerfile image = Dockerfile.read(DOCKER.resolve("Dockerfile"));
        assertEquals(List.of(), image.all("RUN"), "no RUN step: the image must build where RUN is refused");
        assertTrue(image.one("ARG BASE_IMAGE").startsWith("BASE_IMAGE=eclipse-temurin:17"), image.one("ARG BASE_IMAGE"));
        assertEquals("${BASE_IMAGE}", image.one("FROM"));
        String user = image.one("USER");
        assertFalse(user.matches("(0|root)(:.*)?"), "not root: " + user);
        Map<String, String> env = image.env();
        assertEquals(Set.of(), unknownSettings(env.keySet()));
        Path dataDir = Path.of(env.get("PENDULE_DATA_DIR"));
        assertEquals("[\"" + dataDir.getParent() + "\"]", image.one("VOLUME"),
                "the volume holds the data dir, which Pendule makes 0700 itself");
        assertEquals(String.valueOf(PORT), image.one("EXPOSE"));
        assertEquals(String.valueOf(PORT), env.get("PENDULE_PORT"));
        assertTrue(env.get("JDK_JAVA_OPTIONS").contains("-XX:MaxRAMPercentage="), "heap from the container's limit");
        assertTrue(image.one("HEALTHCHECK").contains("http://127.0.0.1:${PENDULE_PORT}" + READY), image.one("HEALTHCHECK"));
        assertEquals("SIGTERM", image.one("STOPSIGNAL"));
        String entrypoint = image.one("ENTRYPOINT");
        assertTrue(entrypoint.startsWith("[\"java\","), "exec form, java gets the signal: " + entrypoint);
        assertTrue(entrypoint.contains("\"--prebootcommandfile\", \"/opt/pendule/pendule.asadmin\""), entrypoint);
        assertTrue(image.all("COPY").contains("--chmod=0444 docker/image/pendule.asadmin /opt/pendule/pendule.asadmin"));
        assertTrue(image.all("COPY").contains("--chmod=0444 target/pendule.jar /opt/pendule/pendule.jar"));
        String settingsDir = settingsDir();
        assertTrue(image.all("COPY").stream().anyMatch(copy -> copy.endsWith(" " + settingsDir + "/")),
                "the settings folder exists in the image: " + image.all("COPY"));
    }

    // ---- Compose

    @Test
    void composeRunsOneApiAndTwoWorkersOnPostgresqlInHealthCheckedOrder() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        Map<String, Map<String, Object>> secrets = map(compose.get("secrets"));
        String makeSecrets = Files.readString(DOCKER.resolve("secrets/make.sh"));
        List<String> roles = new ArrayList<>();
        String settingsDir = settingsDir();
        Path dataDir = Path.of(Dockerfile.read(DOCKER.resolve("Dockerfile")).env().get("PENDULE_DATA_DIR"));
        for (var service : services.entrySet()) {
            Map<String, Object> node = service.getValue();
            String name = service.getKey();
            Map<String, Object> healthcheck = map(node.get("healthcheck"));
            assertNotNull(healthcheck, name + " has a health check, which the start order waits on");
            map(node.getOrDefault("depends_on", Map.of())).forEach((on, how) -> {
                assertEquals("service_healthy", map(how).get("condition"), name + " waits for " + on + " to be healthy");
                assertNotNull(services.get(on).get("healthcheck"), on + " has a health check");
            });
            if (!"pendule:local".equals(node.get("image"))) {
                continue;
            }
            assertEquals("docker/Dockerfile", map(node.get("build")).get("dockerfile"));
            assertTrue(map(node.get("depends_on")).containsKey("postgres"), name);
            Map<String, String> env = strings(node.get("environment"));
            assertEquals(Set.of(), unknownSettings(env.keySet()), name);
            roles.add(env.get("PENDULE_ROLES"));
            assertTrue(env.get("PENDULE_DB_URL").startsWith("jdbc:postgresql://postgres:5432/"), name);
            assertEquals(List.of("CMD-SHELL", "curl -fsS -o /dev/null http://127.0.0.1:" + PORT + READY + " || exit 1"),
                    healthcheck.get("test"), name);
            assertGraceOutlastsTheStop(GoDuration.parse((String) node.get("stop_grace_period")), Map.of(), name);
            for (Object secret : (List<?>) node.get("secrets")) {
                Map<String, Object> mounted = map(secret);
                Path target = Path.of((String) mounted.get("target"));
                assertEquals(settingsDir, target.getParent().toString(), name + ": a setting as a file, read by Payara");
                assertEquals(Set.of(), unknownSettings(Set.of(environmentName(target.getFileName().toString()))), name);
                String source = (String) mounted.get("source");
                assertEquals("./secrets/" + source, secrets.get(source).get("file"));
                assertTrue(makeSecrets.contains("secret " + source + " "), "docker/secrets/make.sh makes " + source);
            }
            List<?> volumes = (List<?>) node.get("volumes");
            assertTrue(volumes.stream().anyMatch(volume -> ((String) volume).endsWith(":" + dataDir.getParent())), name);
            if (node.containsKey("ports")) {
                assertEquals(List.of("8080:" + PORT), node.get("ports"));
            }
        }
        roles.sort(null);
        assertEquals(List.of("api", "worker", "worker"), roles);
        assertTrue(map(map(services.get("postgres").get("environment"))).containsKey("POSTGRES_PASSWORD_FILE"));
    }

    // ---- Kubernetes

    @Test
    void everyManifestReadsStrictlyIntoKubernetesModelClasses() throws IOException {
        List<String> files = manifestFiles();
        assertTrue(files.containsAll(List.of("kustomization.yaml", "api.yaml", "worker.yaml", "configmap.yaml",
                "secret.example.yaml", "servicemonitor.example.yaml")), files.toString());
        for (String file : files) {
            if (file.equals("kustomization.yaml") || file.equals("servicemonitor.example.yaml")) {
                continue;
            }
            assertFalse(resources(file).isEmpty(), file);
        }
        JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
        assertEquals("Kustomization", kustomization.get("kind").asText());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(resource -> listed.add(resource.asText()));
        assertEquals(files.stream().filter(file -> !file.equals("kustomization.yaml") && !file.contains(".example."))
                .sorted().toList(), listed.stream().sorted().toList(), "kustomization.yaml lists every manifest but the examples");
    }

    @Test
    void aModelFieldThatDoesNotExistIsCaught() throws IOException {
        JsonNode typo = YAML.readTree("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: x}
                spec: {minAvailabel: 1}
                """);
        assertEquals(List.of("PodDisruptionBudget x: .spec.minAvailabel"), unknownFields(read(typo), "PodDisruptionBudget x"));
    }

    @Test
    void apiAndWorkerDeploymentsRunTheImageAsTheCodeExpects() throws IOException {
        Map<String, String> configMap = configMap().getData();
        assertEquals(Set.of(), unknownSettings(configMap.keySet()), "ConfigMap keys");
        Map<String, Deployment> byRole = new TreeMap<>();
        Set<String> secretKeys = secretExample().getStringData().keySet();
        Path dataDir = Path.of(Dockerfile.read(DOCKER.resolve("Dockerfile")).env().get("PENDULE_DATA_DIR"));
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(1, pod.getContainers().size(), name);
            Container container = pod.getContainers().get(0);
            Map<String, String> env = new LinkedHashMap<>();
            for (EnvVar variable : container.getEnv()) {
                env.put(variable.getName(), variable.getValue());
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    var ref = variable.getValueFrom().getSecretKeyRef();
                    assertEquals(secretExample().getMetadata().getName(), ref.getName(), name);
                    assertTrue(secretKeys.contains(ref.getKey()), name + ": the Secret example has " + ref.getKey());
                }
            }
            assertEquals(Set.of(), unknownSettings(env.keySet()), name);
            for (EnvFromSource from : container.getEnvFrom()) {
                assertEquals(configMap().getMetadata().getName(), from.getConfigMapRef().getName(), name);
            }
            byRole.put(env.get("PENDULE_ROLES"), deployment);
            assertTrue(env.containsKey("PENDULE_NODE_NAME") && env.containsKey("PENDULE_DB_PASSWORD")
                    && env.containsKey("PENDULE_SECRET_KEY"), name + ": unique node names, one secret key for the cluster");

            assertEquals(List.of(PORT), container.getPorts().stream().map(port -> port.getContainerPort()).toList(), name);
            String portName = container.getPorts().get(0).getName();
            assertProbe(container.getReadinessProbe(), READY, portName, name + " readiness");
            assertProbe(container.getLivenessProbe(), LIVE, portName, name + " liveness");
            assertProbe(container.getStartupProbe(), LIVE, portName, name + " start-up");

            assertGraceOutlastsTheStop(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()), configMap, name);
            assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name);
            assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem(), name);
            assertFalse(container.getSecurityContext().getAllowPrivilegeEscalation(), name);
            List<String> mounts = container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
            assertTrue(mounts.containsAll(List.of(dataDir.getParent().toString(), "/tmp")),
                    name + ": a read-only root needs the data dir's volume and /tmp written: " + mounts);
            assertNotNull(container.getResources().getLimits().get("memory"), name);
            assertNotNull(container.getResources().getRequests().get("cpu"), name);
        }
        assertEquals(Set.of("api", "worker"), byRole.keySet(), "a Deployment per role");

        List<PodDisruptionBudget> budgets = all(PodDisruptionBudget.class);
        for (var role : byRole.entrySet()) {
            Map<String, String> labels = role.getValue().getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(1, budgets.stream().filter(budget -> selects(budget.getSpec().getSelector().getMatchLabels(), labels)).count(),
                    "one PodDisruptionBudget for " + role.getKey());
        }
        Map<String, String> apiLabels = byRole.get("api").getSpec().getTemplate().getMetadata().getLabels();
        Service api = all(Service.class).stream().filter(service -> selects(service.getSpec().getSelector(), apiLabels))
                .findFirst().orElseThrow(() -> new AssertionError("no Service selects the api pods"));
        assertEquals(new IntOrString("http"), api.getSpec().getPorts().get(0).getTargetPort());
    }

    @Test
    void theServiceMonitorScrapesMetricsWithTheSecretsToken() throws IOException {
        JsonNode monitor = YAML.readTree(KUBERNETES.resolve("servicemonitor.example.yaml").toFile());
        assertEquals("monitoring.coreos.com/v1", monitor.get("apiVersion").asText());
        assertEquals("ServiceMonitor", monitor.get("kind").asText());
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertEquals("/metrics", endpoint.get("path").asText());
        assertEquals("Bearer", endpoint.at("/authorization/type").asText());
        assertEquals(secretExample().getMetadata().getName(), endpoint.at("/authorization/credentials/name").asText());
        String key = endpoint.at("/authorization/credentials/key").asText();
        assertTrue(secretExample().getStringData().containsKey(key), key);
        for (Deployment deployment : all(Deployment.class)) {
            assertTrue(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .anyMatch(env -> env.getName().equals("PENDULE_METRICS_TOKEN")
                            && env.getValueFrom().getSecretKeyRef().getKey().equals(key)), "the nodes know the scrape token");
        }
        Map<String, String> selector = YAML.convertValue(monitor.at("/spec/selector/matchLabels"), Map.class);
        List<Service> scraped = all(Service.class).stream().filter(service -> selects(selector, service.getMetadata().getLabels())).toList();
        assertEquals(2, scraped.size(), "the api and the worker Services");
        for (Service service : scraped) {
            assertTrue(service.getSpec().getPorts().stream().anyMatch(port -> port.getName().equals(endpoint.get("port").asText())));
        }
    }

    @Test
    void theSecretExampleIsMarkedAsPlaceholders() throws IOException {
        assertTrue(Files.readString(KUBERNETES.resolve("secret.example.yaml")).contains("EXAMPLE ONLY"));
        secretExample().getStringData().forEach((key, value) -> assertTrue(value.startsWith("CHANGE-ME-placeholder"), key));
    }

    // ---- helpers

    private static void assertProbe(Probe probe, String path, String portName, String what) {
        assertNotNull(probe, what);
        HTTPGetAction get = probe.getHttpGet();
        assertEquals(path, get.getPath(), what);
        assertEquals(new IntOrString(portName), get.getPort(), what);
    }

    /** Kubernetes', Compose's or docker stop's grace: the node's stop grace and 5 s for the server's own shutdown. */
    private static void assertGraceOutlastsTheStop(Duration grace, Map<String, String> environment, String what) {
        Map<String, String> keys = new HashMap<>();
        environment.forEach((name, value) -> keys.put(SETTINGS.get(name), value));
        Duration stop = Settings.of(keys).stopGrace();
        assertTrue(grace.compareTo(stop.plusSeconds(5)) >= 0, what + ": grace " + grace + " < stop grace " + stop + " + 5 s");
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static List<String> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".yaml")).sorted().toList();
        }
    }

    private static ConfigMap configMap() throws IOException {
        return only(all(ConfigMap.class));
    }

    private static Secret secretExample() throws IOException {
        return only(resources("secret.example.yaml").stream().map(Secret.class::cast).toList());
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) throws IOException {
        List<T> found = new ArrayList<>();
        for (String file : manifestFiles()) {
            if (!file.contains(".example.") && !file.equals("kustomization.yaml")) {
                resources(file).stream().filter(type::isInstance).map(type::cast).forEach(found::add);
            }
        }
        return found;
    }

    /** The resources of one file, each read into its model class, none with a field the model does not know. */
    static List<HasMetadata> resources(String file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(KUBERNETES.resolve(file).toFile())) {
            for (JsonNode document : documents.readAll()) {
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                HasMetadata resource = read(document);
                String what = file + ": " + resource.getKind() + " " + resource.getMetadata().getName();
                assertEquals(List.of(), unknownFields(resource, what));
                resources.add(resource);
            }
        }
        return resources;
    }

    private static HasMetadata read(JsonNode document) throws IOException {
        String kind = document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(kind);
        assertNotNull(type, "a kind the test knows: " + kind);
        assertEquals(HasMetadata.getApiVersion(type), document.path("apiVersion").asText(), kind);
        return YAML.treeToValue(document, type);
    }

    /**
     * The fields fabric8's classes kept aside as "additional properties" (their catch-all for what the model does
     * not have, which a strict reader refuses), by path.
     */
    static List<String> unknownFields(Object node, String path) {
        List<String> found = new ArrayList<>();
        collectUnknown(node, "", found);
        return found.stream().map(field -> path + ": " + field).toList();
    }

    private static void collectUnknown(Object node, String path, List<String> found) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", found);
            }
        } else if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> collectUnknown(value, path + "." + key, found));
        } else if (node != null && node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : node.getClass().getMethods()) {
                if (getter.getParameterCount() > 0 || !getter.getName().startsWith("get")
                        || getter.getDeclaringClass() == Object.class || Modifier.isStatic(getter.getModifiers())) {
                    continue;
                }
                Object value = invoke(getter, node);
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                if (field.equals("additionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(key -> found.add(path + "." + key));
                } else {
                    collectUnknown(value, path + "." + field, found);
                }
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // a computed getter (Quantity's amount in bytes…), not a field
        }
    }

    private static String healthPath(String ending) {
        return HEALTH_PATHS.stream().filter(path -> path.endsWith(ending)).findFirst()
                .orElseThrow(() -> new AssertionError("no health path ending " + ending + " in " + HEALTH_PATHS));
    }

    /** The folder Payara reads settings files from in the image (docker/image/pendule.asadmin). */
    private static String settingsDir() throws IOException {
        Matcher dir = Pattern.compile("set-config-dir --directory=(\\S+)").matcher(Files.readString(DOCKER.resolve("image/pendule.asadmin")));
        assertTrue(dir.find());
        return dir.group(1);
    }

    private static Set<String> unknownSettings(Collection<String> names) {
        return names.stream().filter(name -> !SETTINGS.containsKey(name) && !NOT_SETTINGS.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** MicroProfile Config's environment name of a key: pendule.oidc.client-id is PENDULE_OIDC_CLIENT_ID. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Calls every public getter of Settings (those taking a String with each role's name) on settings that record the keys asked. */
    private static Map<String, String> settingKeysByEnvironmentName() {
        Set<String> asked = new TreeSet<>();
        Map<String, String> recording = new HashMap<>() {
            @Override
            public String get(Object key) {
                asked.add((String) key);
                return null;
            }
        };
        Settings settings = Settings.of(recording);
        for (Method method : Settings.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            List<Object[]> calls = switch (method.getParameterCount()) {
                case 0 -> List.<Object[]>of(new Object[0]);
                case 1 -> method.getParameterTypes()[0] == String.class
                        ? Stream.of("admin", "operator", "viewer", "api", "worker").map(role -> new Object[]{role}).toList()
                        : List.of();
                default -> List.of();
            };
            for (Object[] arguments : calls) {
                try {
                    method.invoke(settings, arguments);
                } catch (IllegalAccessException | InvocationTargetException refused) {
                    // a setting that must be given: it was asked for all the same
                }
            }
        }
        assertTrue(asked.size() > 40, "Settings' getters were called: " + asked);
        return asked.stream().collect(Collectors.toMap(DeploymentFilesTest::environmentName, key -> key, (a, b) -> a));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        DeploymentFilesTest.<Object>map(value).forEach((key, item) -> strings.put(key, String.valueOf(item)));
        return strings;
    }

    /** A Dockerfile's instructions, continuation lines joined, comments left out. */
    record Dockerfile(List<String[]> instructions) {

        static Dockerfile read(Path file) throws IOException {
            String joined = Files.readString(file).replaceAll("\\\\\\n\\s*", "");
            List<String[]> instructions = new ArrayList<>();
            for (String line : joined.split("\n")) {
                String trimmed = line.trim();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    instructions.add(trimmed.split("\\s+", 2));
                }
            }
            return new Dockerfile(instructions);
        }

        /** The arguments of each instruction of this name; "ARG NAME" picks the argument NAME. */
        List<String> all(String instruction) {
            String[] name = instruction.split(" ", 2);
            return instructions.stream().filter(line -> line[0].equals(name[0]))
                    .map(line -> line.length > 1 ? line[1] : "")
                    .filter(arguments -> name.length == 1 || arguments.startsWith(name[1] + "=") || arguments.equals(name[1]))
                    .toList();
        }

        String one(String instruction) {
            List<String> found = all(instruction);
            assertEquals(1, found.size(), instruction + ": " + found);
            return found.get(0);
        }

        /** ENV NAME=value pairs (values in double quotes may hold spaces). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(String.join(" ", all("ENV")));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
            }
            return env;
        }
    }
}
