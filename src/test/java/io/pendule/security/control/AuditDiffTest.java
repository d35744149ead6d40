package io.pendule.security.control;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The before/after of a change: only what differs, maps key by key, and secrets masked on both sides. */
class AuditDiffTest {

    @Test
    void anUpdateShowsTheFieldsThatChangedAndNothingElse() {
        AuditDiff diff = AuditDiff.between(
                map("schedule", "@every 1m", "retries", 0, "tags", List.of("a"), "disabled", false),
                map("schedule", "@every 5m", "retries", 0, "tags", List.of("a", "b"), "disabled", false));

        assertEquals(map("schedule", "@every 1m", "tags", List.of("a")), diff.before());
        assertEquals(map("schedule", "@every 5m", "tags", List.of("a", "b")), diff.after());
        assertFalse(diff.isEmpty());
    }

    @Test
    void mapsAreComparedKeyByKeyAndAKeyOnOneSideIsNullOnTheOther() {
        AuditDiff diff = AuditDiff.between(
                map("executor_config", map("url", "http://a", "method", "GET", "timeout", "5s")),
                map("executor_config", map("url", "http://b", "method", "GET", "expectCode", "200")));

        assertEquals(map("executor_config", map("url", "http://a", "timeout", "5s", "expectCode", null)), diff.before());
        assertEquals(map("executor_config", map("url", "http://b", "timeout", null, "expectCode", "200")), diff.after());
    }

    @Test
    void aCreationShowsEverythingAfterAndADeletionEverythingBefore() {
        Map<String, Object> job = map("schedule", "@daily", "executor", "http");

        AuditDiff created = AuditDiff.between(null, job);
        assertNull(created.before());
        assertEquals(job, created.after());
        assertEquals(Map.of("after", job), created.details());

        AuditDiff deleted = AuditDiff.between(job, null);
        assertEquals(job, deleted.before());
        assertEquals(Map.of("before", job), deleted.details());
    }

    @Test
    void theSameValuesAgainChangeNothing() {
        AuditDiff diff = AuditDiff.between(map("schedule", "@daily", "config", map("k", "v")),
                map("schedule", "@daily", "config", map("k", "v")));

        assertTrue(diff.isEmpty());
        assertEquals(Map.of("before", Map.of(), "after", Map.of()), diff.details());
    }

    @Test
    void aSecretChangedForAnotherIsSeenChangedAndShownMaskedOnBothSides() {
        AuditDiff diff = AuditDiff.between(map("role", "viewer", "password", "pbkdf2-old-hash"),
                        map("role", "viewer", "password", "pbkdf2-new-hash"))
                .masked(AuditDiff.maskingFields("password"));

        assertEquals(map("password", AuditDiff.MASK), diff.before());
        assertEquals(map("password", AuditDiff.MASK), diff.after());
        assertFalse(diff.details().toString().contains("hash"), diff.details().toString());
    }

    @Test
    void maskingLeavesAnUnsetSecretUnsetAndDoesNotTouchTheSnapshots() {
        Map<String, Object> before = map("password", null, "role", "viewer");
        Map<String, Object> after = map("password", "hash", "role", "admin");

        AuditDiff diff = AuditDiff.between(before, after).masked(AuditDiff.maskingFields("password"));

        assertEquals(map("password", null, "role", "viewer"), diff.before(), "no secret before: nothing to mask");
        assertEquals(map("password", AuditDiff.MASK, "role", "admin"), diff.after());
        assertEquals("hash", after.get("password"), "the caller's snapshot is left as it was");
    }

    /** A map keeping its order and taking nulls: name, value, name, value… */
    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
