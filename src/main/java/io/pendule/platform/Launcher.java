package io.pendule.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Main class of target/pendule.jar: starts the Payara Micro inside the jar with Pendule's settings taken from
 * the environment (PENDULE_PORT, PENDULE_NODE_NAME), which Payara Micro cannot read itself. Extra command-line
 * arguments go to Payara Micro unchanged. Depends on nothing but the JDK: it runs before Payara's class loaders.
 */
public final class Launcher {

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
        if (!List.of(args).contains("--rootdir")) {
            // Payara Micro deletes a temporary runtime directory in a shutdown hook, while the application still drains:
            // a class first needed then (to stop and record a run) no longer loads. One kept in the data dir stays.
            micro.add("--rootdir");
            // one per node name: nodes of a cluster may share a data dir (with PostgreSQL), and one runtime cannot be shared
            String runtime = "payara-" + (node == null || node.isBlank() ? "node" : node.replaceAll("[^A-Za-z0-9._-]", "_"));
            Path rootDir = Path.of(env.getOrDefault("PENDULE_DATA_DIR", System.getProperty("pendule.data.dir", "data")), runtime)
                    .toAbsolutePath().normalize();
            deleteTree(rootDir); // a runtime left by the last start would deploy its stale state: each start has a fresh one
            micro.add(rootDir.toString());
        }
        micro.addAll(List.of(args));
        Class.forName("fish.payara.micro.PayaraMicro")
                .getMethod("main", String[].class)
                .invoke(null, (Object) micro.toArray(String[]::new));
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
