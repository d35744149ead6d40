package io.pendule.secrets.control;

import io.pendule.secrets.entity.ReferenceProblem;
import io.pendule.secrets.entity.ResolvedConfig;
import io.pendule.secrets.entity.SecretChanged;
import io.pendule.secrets.entity.SecretProvider;
import io.pendule.secrets.entity.SecretReference;
import io.pendule.secrets.entity.SecretUnavailable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretResolverTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final Source store = new Source(SecretProvider.STORE);
    private final Source files = new Source(SecretProvider.FILE);
    private final Source env = new Source(SecretProvider.ENV);
    private final SecretResolver resolver = new SecretResolver(List.of(env, files, store), Duration.ofSeconds(30), clock);

    @Test
    void anUnqualifiedNameIsLookedUpInTheStoreThenFilesThenEnvironment() {
        env.values.put("a", "from env");
        assertEquals("from env", value(null, "a"));
        files.values.put("b", "from file");
        env.values.put("b", "from env");
        assertEquals("from file", value(null, "b"));
        store.values.put("c", "from store");
        files.values.put("c", "from file");
        assertEquals("from store", value(null, "c"));
    }

    @Test
    void aQualifiedNameAsksItsProviderOnly() {
        store.values.put("a", "from store");
        env.values.put("a", "from env");
        assertEquals("from env", value(SecretProvider.ENV, "a"));
        SecretUnavailable missing = assertThrows(SecretUnavailable.class, () -> value(SecretProvider.FILE, "a"));
        assertEquals("secret a not found in files", missing.getMessage());
    }

    @Test
    void aSecretFoundNowhereFailsWithTheProvidersAsked() {
        SecretUnavailable missing = assertThrows(SecretUnavailable.class,
                () -> resolver.resolved("http", Map.of("url", "http://x", "headers", "[\"A: ${secret:nope}\"]")));
        assertEquals("secret nope not found in store, files, environment", missing.getMessage());
    }

    @Test
    void aValueIsKeptForTheCacheTimeThenAskedAgain() {
        store.values.put("a", "one");
        assertEquals("one", value(null, "a"));
        store.values.put("a", "two");
        now.set(now.get().plusSeconds(29));
        assertEquals("one", value(null, "a"));
        assertEquals(1, store.asked.get());
        now.set(now.get().plusSeconds(1));
        assertEquals("two", value(null, "a"));
        assertEquals(2, store.asked.get());
    }

    @Test
    void aSecretNotFoundIsAskedAgainAtOnce() {
        assertThrows(SecretUnavailable.class, () -> value(null, "late"));
        store.values.put("late", "here");
        assertEquals("here", value(null, "late"));
    }

    @Test
    void aChangeOnThisNodeForgetsTheCachedValue() {
        store.values.put("a", "one");
        value(null, "a");
        store.values.put("a", "two");
        resolver.forget(new SecretChanged("a"));
        assertEquals("two", value(null, "a"));
    }

    @Test
    void withoutCacheEveryRunAsks() {
        SecretResolver uncached = new SecretResolver(List.of(store), Duration.ZERO, clock);
        store.values.put("a", "one");
        uncached.value(new SecretReference(null, "a"));
        uncached.value(new SecretReference(null, "a"));
        assertEquals(2, store.asked.get());
    }

    @Test
    void findableAsksWithoutTheCacheAndCountsAFailingProviderAsHavingIt() {
        assertFalse(resolver.findable(new SecretReference(null, "x")));
        env.values.put("x", "v");
        assertTrue(resolver.findable(new SecretReference(null, "x")));
        store.failure = new SecretUnavailable("secret y in the store was encrypted with key 00000000");
        assertTrue(resolver.findable(new SecretReference(null, "y")));
        assertThrows(SecretUnavailable.class, () -> value(null, "y"), "a run fails with the store's error");
    }

    @Test
    void theResolvedConfigIsACopyAndTheStoredOneKeepsItsReferences() {
        store.values.put("t", "s3cret");
        Map<String, String> stored = Map.of("url", "http://x", "headers", "[\"Authorization: Bearer ${secret:t}\"]");
        ResolvedConfig resolved = resolver.resolved("http", stored);
        assertEquals("[\"Authorization: Bearer s3cret\"]", resolved.config().get("headers"));
        assertEquals("token *** sent", resolved.mask().masked("token s3cret sent"), "the values put in are the mask's");
        assertEquals("[\"Authorization: Bearer ${secret:t}\"]", stored.get("headers"));
    }

    @Test
    void vaultIsAskedLastAndOnlyWhenConfigured() {
        Source vault = new Source(SecretProvider.VAULT);
        SecretResolver withVault = new SecretResolver(List.of(vault, env, files, store), Duration.ofSeconds(30), clock);
        vault.values.put("a", "from vault");
        env.values.put("b", "from env");
        vault.values.put("b", "from vault");
        assertEquals("from vault", withVault.value(new SecretReference(null, "a")));
        assertEquals("from env", withVault.value(new SecretReference(null, "b")));
        SecretUnavailable missing = assertThrows(SecretUnavailable.class, () -> withVault.value(new SecretReference(null, "c")));
        assertEquals("secret c not found in store, files, environment, vault", missing.getMessage());

        vault.notConfigured = Optional.of(VaultSecrets.NOT_CONFIGURED);
        vault.asked.set(0);
        SecretUnavailable unconfigured = assertThrows(SecretUnavailable.class, () -> withVault.value(new SecretReference(null, "d")));
        assertEquals("secret d not found in store, files, environment", unconfigured.getMessage());
        assertEquals(0, vault.asked.get(), "an unconfigured vault is not asked");
        SecretUnavailable qualified = assertThrows(SecretUnavailable.class,
                () -> withVault.value(new SecretReference(SecretProvider.VAULT, "a")));
        assertEquals("secret vault:a: provider vault is not configured: set PENDULE_VAULT_ADDR", qualified.getMessage());
    }

    @Test
    void aVaultReferenceIsRefusedAtSaveWhenVaultIsNotConfigured() {
        Map<String, String> config = Map.of("url", "http://x", "headers", "[\"A: ${secret:vault:a/b#c}\", \"B: ${secret:d}\"]");
        assertEquals(List.of(new ReferenceProblem("headers", VaultSecrets.NOT_CONFIGURED)), resolver.problemsOf("http", config));
        Source vault = new Source(SecretProvider.VAULT);
        assertEquals(List.of(), new SecretResolver(List.of(vault), Duration.ZERO, clock).problemsOf("http", config));
    }

    private String value(SecretProvider provider, String name) {
        return resolver.value(new SecretReference(provider, name));
    }

    private static final class Source implements SecretSource {
        final SecretProvider provider;
        final Map<String, String> values = new HashMap<>();
        final AtomicInteger asked = new AtomicInteger();
        SecretUnavailable failure;
        Optional<String> notConfigured = Optional.empty();

        Source(SecretProvider provider) {
            this.provider = provider;
        }

        @Override
        public SecretProvider provider() {
            return provider;
        }

        @Override
        public Optional<String> value(String name) {
            asked.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public Optional<String> notConfigured() {
            return notConfigured;
        }
    }
}
