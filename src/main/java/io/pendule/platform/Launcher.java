package io.pendule.platform;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Main class of target/pendule.jar: starts the Payara Micro inside the jar with Pendule's settings taken from
 * the environment (PENDULE_PORT, PENDULE_BIND_ADDRESS, PENDULE_NODE_NAME), which Payara Micro cannot read itself, in a
 * data folder made or checked first ({@link DataDir}: a refused one stops the start with status 1). Extra command-line
 * arguments go to Payara Micro unchanged. Depends on nothing but the JDK: it runs before Payara's class loaders.
 * Payara Micro goes on running when an application fails to deploy; a node whose Pendule did not start (a setting it
 * refuses, a database it cannot migrate) exits with status 1 instead, so that its supervisor sees the failure.
 */
public final class Launcher {

    private static final Logger LOG = Logger.getLogger(Launcher.class.getName());
    /** The application's name in Payara: docker/build-uber-jar.sh packs the WAR as ROOT.war. */
    static final String APPLICATION = "ROOT";

    private Launcher() {
    }

    /**
     * With fewer than 2 cores for the common pool, CompletableFuture runs every async step on a new thread,
     * and the JDK's HttpClient completes every response that way: a thread per HTTP job run.
     */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) throws Exception {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
        }
        List<String> micro = new ArrayList<>(List.of("--nohazelcast", "--disablephonehome"));
        Map<String, String> env = System.getenv();
        micro.add("--port");
        micro.add(env.getOrDefault("PENDULE_PORT", System.getProperty("pendule.port", "8080")));
        String node = env.getOrDefault("PENDULE_NODE_NAME", System.getProperty("pendule.node.name"));
        if (node != null && !node.isBlank()) {
            micro.add("--name");
            micro.add(node);
        }
        Path dataDir = Path.of(env.getOrDefault("PENDULE_DATA_DIR", System.getProperty("pendule.data.dir", "data")))
                .toAbsolutePath().normalize();
        List<String> given = new ArrayList<>(List.of(args));
        try {
            DataDir.secure(dataDir); // before Payara Micro makes its runtime folder in it, with the umask's mode
            String address = env.getOrDefault("PENDULE_BIND_ADDRESS", System.getProperty("pendule.bind.address", "")).trim();
            if (!address.isEmpty()) {
                micro.add("--prebootcommandfile");
                micro.add(bindTo(address, given).toString());
            }
        } catch (IllegalStateException refused) {
            LOG.severe("Pendule did not start: " + refused.getMessage());
            System.exit(1);
        }
        if (!given.contains("--rootdir")) {
            // Payara Micro deletes a temporary runtime directory in a shutdown hook, while the application still drains:
            // a class first needed then (to stop and record a run) no longer loads. One kept in the data dir stays.
            micro.add("--rootdir");
            // one per node name: nodes of a cluster may share a data dir (with PostgreSQL), and one runtime cannot be shared
            String runtime = "payara-" + (node == null || node.isBlank() ? "node" : node.replaceAll("[^A-Za-z0-9._-]", "_"));
            Path rootDir = dataDir.resolve(runtime);
            deleteTree(rootDir); // a runtime left by the last start would deploy its stale state: each start has a fresh one
            micro.add(rootDir.toString());
        }
        micro.addAll(given);
        Class.forName("fish.payara.micro.PayaraMicro").getMethod("main", String[].class)
                .invoke(null, (Object) micro.toArray(String[]::new));
        deployedApplications().filter(deployed -> !deployed.contains(APPLICATION)).ifPresent(deployed -> {
            LOG.severe("Pendule did not start: its application failed to deploy, for the reason logged above; "
                    + "the process exits with status 1");
            System.exit(1);
        });
    }

    /**
     * A pre-boot command file that makes the HTTP listener listen on {@code address} only (PENDULE_BIND_ADDRESS), after
     * the commands of a file given on the command line, whose option it takes out of {@code given}: Payara Micro reads
     * one such file besides the jar's own.
     */
    static Path bindTo(String address, List<String> given) throws IOException {
        if (!address.matches("[A-Za-z0-9.:%_-]{1,253}")) {
            throw new IllegalStateException("PENDULE_BIND_ADDRESS \"" + address + "\" is not an IP address or host name");
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            probe.getLocalPort(); // an address of this machine: Payara Micro would otherwise listen nowhere, and say little
        } catch (IOException e) {
            throw new IllegalStateException("PENDULE_BIND_ADDRESS " + address + " is not an address of this machine: " + e.getMessage());
        }
        StringBuilder commands = new StringBuilder();
        int option = given.indexOf("--prebootcommandfile");
        if (option >= 0 && option + 1 < given.size()) {
            commands.append(Files.readString(Path.of(given.get(option + 1)))).append('\n');
            given.subList(option, option + 2).clear();
        }
        commands.append("set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=")
                .append(address).append('\n');
        Path file = Files.createTempFile("pendule-preboot", ".asadmin");
        file.toFile().deleteOnExit();
        Files.writeString(file, commands);
        return file;
    }

    /**
     * The names of the applications the Payara Micro just launched has deployed and loaded (an application that failed
     * stays among its runtime's names, not among these); empty when it did not boot (a packaging option).
     */
    private static Optional<List<String>> deployedApplications() throws ReflectiveOperationException {
        Object launched = Class.forName("fish.payara.micro.boot.PayaraMicroLauncher").getMethod("getBootClass").invoke(null);
        Object runtime;
        try {
            runtime = Class.forName("fish.payara.micro.boot.PayaraMicroBoot").getMethod("getRuntime").invoke(launched);
        } catch (InvocationTargetException notBooted) {
            return Optional.empty();
        }
        Object descriptor = Class.forName("fish.payara.micro.PayaraMicroRuntime").getMethod("getLocalDescriptor").invoke(runtime);
        Collection<?> applications = (Collection<?>) Class.forName("fish.payara.micro.data.InstanceDescriptor")
                .getMethod("getDeployedApplications").invoke(descriptor);
        Method name = Class.forName("fish.payara.micro.data.ApplicationDescriptor").getMethod("getName");
        List<String> names = new ArrayList<>();
        for (Object application : applications) {
            names.add((String) name.invoke(application));
        }
        return Optional.of(names);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
