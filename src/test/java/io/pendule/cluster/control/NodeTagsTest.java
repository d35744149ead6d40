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
}
