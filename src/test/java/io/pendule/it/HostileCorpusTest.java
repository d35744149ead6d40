package io.pendule.it;

import io.pendule.architecture.Routes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input corpus without a server: it parses, has at least 300 cases, and reaches every route of the API and
 * of the pages that {@link Routes} finds by reflection (so that a new route without a hostile case fails the build);
 * its generators make what they say.
 */
class HostileCorpusTest {

    private static final Map<String, String> FIXTURE = Map.of("exec", "1");

    @Test
    void theCorpusParsesAndHasAtLeast300Cases() {
        List<HostileCorpus.Case> cases = HostileCorpus.read();
        assertTrue(cases.size() >= 300, "only " + cases.size() + " cases");
        for (HostileCorpus.Case c : cases) {
            HostileCorpus.request(c, FIXTURE); // every placeholder and body form is known
        }
    }

    @Test
    void everyRouteOfTheApiAndThePagesHasACase() {
        List<HostileCorpus.Case> cases = HostileCorpus.read();
        List<String> uncovered = new ArrayList<>();
        for (Routes.Route route : Routes.all()) {
            if (cases.stream().noneMatch(c -> reaches(c, route))) {
                uncovered.add(route.toString());
            }
        }
        assertEquals(List.of(), uncovered, "routes without a hostile case in " + HostileCorpus.RESOURCE);
    }

    /** Whether the case calls the route: same method, the path (without its query, placeholders filled) matching. */
    static boolean reaches(HostileCorpus.Case c, Routes.Route route) {
        if (!c.method().equals(route.method())) {
            return false;
        }
        String path = HostileCorpus.expand(c.path().split("\\?", 2)[0], FIXTURE, text -> "x");
        if (route.kind() == Routes.Kind.API) {
            String regex = Pattern.quote(route.template()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return path.matches(regex);
        }
        String template = route.template();
        return path.matches(template) || template.length() > 1 && template.endsWith("/") && path.startsWith(template);
    }

    @Test
    void theGeneratorsMakeWhatTheySay() {
        assertEquals("abab", HostileCorpus.expand("${rep:ab:2}", Map.of(), t -> t));
        assertEquals(2048, HostileCorpus.expand("${rep:x:2K}", Map.of(), t -> t).length());
        assertEquals(10 * 1024 * 1024, HostileCorpus.expand("${rep:x:10M}", Map.of(), t -> t).length());
        assertEquals("[[[]]]", HostileCorpus.expand("${nest:3}", Map.of(), t -> t));
        assertEquals("{\"a\":{\"a\":1}}", HostileCorpus.expand("${nestobj:2}", Map.of(), t -> t));
        assertEquals("a\u0000b", HostileCorpus.expand("a${nul}b", Map.of(), t -> t));
        assertEquals(List.of((byte) 'a', (byte) 0xff), toList(HostileCorpus.bytes(HostileCorpus.expand("a${byte:ff}", Map.of(), t -> t))));
        assertEquals("/v1/jobs/%3Cscript%3Ealert%28%27pdl-xss%27%29%3C%2Fscript%3E",
                HostileCorpus.request(HostileCorpus.parse("x | GET /v1/jobs/${xss} | 404 | - | - | -").get(0), FIXTURE).path());
        String merged = HostileCorpus.merged(HostileCorpus.VALID_SHELL_JOB, "{\"retries\":\"x\",\"schedule\":\"$drop\"}");
        assertTrue(merged.contains("\"retries\":\"x\"") && !merged.contains("schedule"), merged);
        assertThrows(IllegalArgumentException.class, () -> HostileCorpus.parse("x | POST /v1/jobs | 500 | - | - | -"));
        assertThrows(IllegalArgumentException.class, () -> HostileCorpus.parse("x | POST /v1/jobs | 2xx | - | - | -"),
                "a write that may succeed says what it creates");
        assertThrows(IllegalArgumentException.class, () -> HostileCorpus.parse("x | GET /a | 4xx | - | - | -\nx | GET /b | 4xx | - | - | -"));
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }
}
