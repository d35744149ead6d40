package io.pendule.packs.control;

import io.pendule.api.entity.ValidationException;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pack:version and pack:slug told apart: by ?scope, else an existing endpoint, else a text only a version can be. */
class PackConfigIdsTest {

    private static final Predicate<String> ENDPOINTS = Set.of("db1", "master")::contains;

    private static PackConfigId parse(String type, String id, String scope) {
        return PackConfigIds.parse(type, id, scope, ENDPOINTS);
    }

    private static String fieldOf(Runnable parse) {
        return assertThrows(ValidationException.class, parse::run).errors().get(0).field();
    }

    @Test
    void anExistingEndpointIsAnEndpointConfiguration() {
        PackConfigId id = parse("metric", "basic:db1", null);
        assertEquals(new PackConfigId(PackType.METRIC, "basic", PackConfigScope.ENDPOINT, "db1"), id);
        assertEquals("basic:db1", id.idConfig());
        assertNull(id.packVersion(), "pack_version is NULL for an endpoint's configuration");
    }

    @Test
    void aTextOnlyAVersionCanBeIsAVersion() {
        PackConfigId id = parse("rule", "basic:0.3.7", null);
        assertEquals(new PackConfigId(PackType.RULE, "basic", PackConfigScope.VERSION, "0.3.7"), id);
        assertEquals("0.3.7", id.packVersion());
        assertEquals(PackConfigScope.VERSION, parse("metric", "basic:V2", null).scope());
        assertEquals(PackConfigScope.VERSION, parse("metric", "basic:1.0+build", null).scope());
    }

    @Test
    void theScopeSaysWhenTheTextCouldBeEither() {
        assertEquals(PackConfigScope.VERSION, parse("metric", "basic:master", "version").scope(), "master is also an endpoint");
        assertEquals(PackConfigScope.ENDPOINT, parse("metric", "basic:master", null).scope());
        assertEquals(PackConfigScope.ENDPOINT, parse("metric", "basic:db9", "endpoint").scope(), "existence is the caller's check");
        ValidationException ambiguous = assertThrows(ValidationException.class, () -> parse("metric", "basic:db9", null));
        assertTrue(ambiguous.getMessage().contains("?scope=endpoint or ?scope=version"), ambiguous.getMessage());
    }

    @Test
    void badIdsAreRefusedByField() {
        assertEquals("type", fieldOf(() -> parse(null, "basic:db1", null)));
        assertEquals("type", fieldOf(() -> parse("metrics", "basic:db1", null)));
        assertEquals("scope", fieldOf(() -> parse("metric", "basic:db1", "pack")));
        assertEquals("id_config", fieldOf(() -> parse("metric", "basic", null)));
        assertEquals("id_config", fieldOf(() -> parse("metric", ":db1", null)));
        assertEquals("id_config", fieldOf(() -> parse("metric", "../x:db1", null)));
        assertEquals("id_config", fieldOf(() -> parse("metric", "basic:Db.1", "endpoint")));
        assertEquals("id_config", fieldOf(() -> parse("metric", "basic:a:b", "version")));
        assertEquals("id_config", fieldOf(() -> parse("metric", "basic:", "version")));
    }
}
