package io.pendule.cluster.control;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeTagsTest {

    private final NodeTags node = NodeTags.parse("zone=internal, db = reachable,broken");

    @Test
    void parsesKeyValuePairsAndIgnoresItemsWithoutValue() {
        assertEquals(Map.of("zone", "internal", "db", "reachable"), node.asMap());
    }

    @Test
    void aJobWithoutTagsSelectsEveryNode() {
        assertTrue(node.selectedBy(null));
        assertTrue(node.selectedBy(Map.of()));
    }

    @Test
    void everyTagOfTheJobMustMatch() {
        assertTrue(node.selectedBy(Map.of("zone", "internal")));
        assertTrue(node.selectedBy(Map.of("zone", "internal", "db", "reachable")));
        assertFalse(node.selectedBy(Map.of("zone", "internal", "db", "down")));
        assertFalse(node.selectedBy(Map.of("region", "eu")));
    }

    @Test
    void dkronCountSuffixIsIgnoredButOnlyWhenNumeric() {
        assertTrue(node.selectedBy(Map.of("zone", "internal:2")));
        assertFalse(NodeTags.parse("url=http").selectedBy(Map.of("url", "http:x")));
    }

    @Test
    void theSqlFilterTakesEachTagAsAParameterWithLikeWildcardsEscaped() {
        assertEquals("NOT EXISTS (SELECT 1 FROM job_tag t WHERE t.job_name = e.job_name)", NodeTags.parse("").filterSql("e.job_name"));
        NodeTags odd = NodeTags.parse("zone=a_b%!");
        assertTrue(odd.filterSql("e.job_name").contains("NOT ((t.tag_key = ? AND (t.tag_value = ? OR t.tag_value LIKE ? ESCAPE '!')))"));
        assertEquals(java.util.List.of("zone", "a_b%!", "a!_b!%!!:%"), odd.filterParameters());
    }

    /** What /v1/members shows is what jobs are matched by: Dkron's role (pendule), server and version included. */
    @Test
    void aNodeAdvertisesAndIsMatchedByDkronsRoleServerAndVersionUnlessItSetsThem() {
        NodeTags plain = NodeTags.advertised(Map.of(), "api,worker", "1.2.0");
        assertEquals(Map.of("role", "pendule", "server", "true", "version", "1.2.0"), plain.asMap());
        assertTrue(plain.selectedBy(Map.of("role", "pendule:1")));
        assertTrue(plain.selectedBy(Map.of("role", "pendule")));
        assertFalse(plain.selectedBy(Map.of("role", "web")));
        NodeTags web = NodeTags.advertised(Map.of("role", "web", "zone", "eu"), "api", null);
        assertEquals(Map.of("role", "web", "zone", "eu", "server", "false", "version", ""), web.asMap());
        assertTrue(web.selectedBy(Map.of("role", "web:1", "zone", "eu")));
        assertFalse(web.selectedBy(Map.of("role", "pendule")));
    }

    @Test
    void theCountOfADkronTagValueIsItsNumericSuffix() {
        assertEquals(java.util.OptionalInt.of(2), NodeTags.count("pendule:2"));
        assertEquals(java.util.OptionalInt.of(1), NodeTags.count("a:b:1"));
        assertEquals(java.util.OptionalInt.empty(), NodeTags.count("pendule"));
        assertEquals(java.util.OptionalInt.empty(), NodeTags.count("http://x"));
        assertEquals(java.util.OptionalInt.empty(), NodeTags.count("pendule:"));
        assertEquals(java.util.OptionalInt.of(Integer.MAX_VALUE), NodeTags.count("p:99999999999999"));
    }
}
