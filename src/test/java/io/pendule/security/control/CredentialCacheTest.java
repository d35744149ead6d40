package io.pendule.security.control;

import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the cache knows of a user's standing: whether a session stands, whether they must change their password. */
class CredentialCacheTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private final Map<String, AppUser> stored = new HashMap<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(AT);
    private final CredentialCache cache = new CredentialCache();

    CredentialCacheTest() {
        cache.allUsers = new Users() {
            @Override
            public Optional<AppUser> find(String name) {
                return Optional.ofNullable(stored.get(name));
            }
        };
        cache.time = now::get;
    }

    @Test
    void aUserAnAdminAskedToChangeTheirPasswordMustChangeIt() {
        stored.put("ops", new AppUser("ops", "hash", Role.OPERATOR, true, AT));
        stored.put("dev", new AppUser("dev", "hash", Role.OPERATOR, false, AT));
        assertTrue(cache.mustChangePassword("ops"));
        assertFalse(cache.mustChangePassword("dev"));
        assertFalse(cache.mustChangePassword("nobody"));
        assertTrue(cache.sessionStands("ops", 0), "their session stands: they are sent to change it");
    }

    @Test
    void aChangeIsSeenAtOnceWhereItWasMadeAndWithinSecondsElsewhere() {
        AppUser ops = new AppUser("ops", "hash", Role.OPERATOR, true, AT);
        stored.put("ops", ops);
        assertTrue(cache.mustChangePassword("ops"));
        ops.changePassword("another hash", false, AT);
        assertTrue(cache.mustChangePassword("ops"), "another node's change is not seen at once");
        now.set(AT.plus(CredentialCache.FRESH));
        assertFalse(cache.mustChangePassword("ops"), "but within " + CredentialCache.FRESH);
        ops.requirePasswordChange(true, AT);
        cache.forgetUser("ops");
        assertTrue(cache.mustChangePassword("ops"), "this node's change at once");
    }

    @Test
    void aDisabledUserNeitherStandsNorIsAskedAnything() {
        AppUser ops = new AppUser("ops", "hash", Role.OPERATOR, true, AT);
        ops.changeDisabled(true, AT);
        stored.put("ops", ops);
        assertFalse(cache.mustChangePassword("ops"));
        assertFalse(cache.sessionStands("ops", ops.getSessionEpoch()));
    }
}
