package io.pendule.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The components form a ladder read top to bottom (docs/architecture.md): a component may use the ones on lower rungs,
 * never one on its own rung or above. Inside a component, boundary uses control and entity, control uses entity,
 * and an entity uses no boundary or control at all. Read from the sources: every import and every qualified name.
 */
class ComponentLadderTest {

    /** Top to bottom; components on one rung do not know each other. */
    static final List<List<String>> LADDER = List.of(
            List.of("overview", "backup"),
            List.of("jobs"),
            List.of("packs"),
            List.of("endpoints"),
            List.of("workflows"),
            List.of("clock"),
            List.of("cluster", "notifications"),
            List.of("executions"),
            List.of("executors", "schedules", "secrets"),
            List.of("security"),
            List.of("dashboard"),
            List.of("api"),
            List.of("database"),
            List.of("metrics", "tracing"),
            List.of("platform"));

    static final Map<String, Integer> LAYERS = Map.of("boundary", 0, "control", 1, "entity", 2);

    private static final Path SOURCES = Path.of("src/main/java/io/pendule");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.pendule\\.([a-z]+)(?:\\.([a-z]+))?\\.[A-Z]");

    @Test
    void everyComponentIsOnTheLadder() throws IOException {
        try (Stream<Path> components = Files.list(SOURCES)) {
            List<String> missing = components.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(c -> rung(c) < 0).sorted().toList();
            assertEquals(List.of(), missing, "components not placed on the ladder (ComponentLadderTest.LADDER and docs/architecture.md)");
        }
    }

    @Test
    void dependenciesRunDownTheLadderOnly() throws IOException {
        List<String> upward = new ArrayList<>();
        for (Path file : sources()) {
            String from = componentOf(file);
            for (Reference to : references(file)) {
                if (!to.component().equals(from) && rung(to.component()) <= rung(from)) {
                    upward.add(SOURCES.relativize(file) + " uses " + to);
                }
            }
        }
        assertEquals(List.of(), upward, "dependencies that run up (or across) the ladder of docs/architecture.md");
    }

    @Test
    void layersRunBoundaryControlEntity() throws IOException {
        List<String> backwards = new ArrayList<>();
        for (Path file : sources()) {
            String layer = SOURCES.relativize(file).getNameCount() > 2 ? SOURCES.relativize(file).getName(1).toString() : "";
            if (!LAYERS.containsKey(layer)) {
                continue;
            }
            for (Reference to : references(file)) {
                if (LAYERS.containsKey(to.layer()) && LAYERS.get(to.layer()) < LAYERS.get(layer)) {
                    backwards.add(SOURCES.relativize(file) + " (" + layer + ") uses " + to);
                }
            }
        }
        assertEquals(List.of(), backwards, "a control that uses a boundary, or an entity that uses either");
    }

    @Test
    void theLadderIsFoundInTheSources() throws IOException {
        // guards the test itself: a pattern that matched nothing would let every upward import through
        long references = 0;
        for (Path file : sources()) {
            references += references(file).size();
        }
        assertTrue(references > 300, "only " + references + " references between packages found");
    }

    record Reference(String component, String layer, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String componentOf(Path file) {
        return SOURCES.relativize(file).getName(0).toString();
    }

    private static int rung(String component) {
        for (int i = 0; i < LADDER.size(); i++) {
            if (LADDER.get(i).contains(component)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Reference> references(Path file) throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        List<Reference> references = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("package ")) {
                continue;
            }
            Matcher m = REFERENCE.matcher(line);
            while (m.find()) {
                int end = line.indexOf(';', m.start());
                String name = line.substring(m.start(), end < 0 ? m.end() : end).split("[^\\w.]")[0];
                if (seen.add(name)) {
                    references.add(new Reference(m.group(1), m.group(2) == null ? "" : m.group(2), name));
                }
            }
        }
        return references;
    }
}
