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
}
