package io.pendule.secrets.control;

import io.pendule.platform.Settings;
import io.pendule.secrets.entity.SecretUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vault provider against {@link FakeVault}, a faithful fake of Vault's documented KV v2 and kubernetes login API. */
class VaultSecretsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private FakeVault vault;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (vault != null) {
            vault.close();
        }
    }

    @Test
    void tokenAuthReadsAKeyOfTheSecretsDataAndValueByDefault() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("secret", "apps/db", Map.of("password", "pw-1", "value", "the value", "port", 5432));
        String token = vault.token("", null, "secret/data/apps/*");
        VaultSecrets secrets = secrets(Map.of("pendule.vault.token", token));

        assertEquals(Optional.of("pw-1"), secrets.value("apps/db#password"));
        assertEquals(Optional.of("the value"), secrets.value("apps/db"));
        assertEquals(Optional.of("5432"), secrets.value("apps/db#port"));
        assertEquals(Optional.empty(), secrets.notConfigured());
        FakeVault.Seen read = vault.seen().get(0);
        assertEquals(new FakeVault.Seen("GET", "secret/data/apps/db", "", true), read);
    }

    @Test
    void aMissingKeyPathOrDeletedVersionIsNotFound() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("secret", "apps/db", Map.of("password", "pw-1"));
        vault.put("secret", "apps/gone", Map.of("value", "old"));
        vault.put("secret", "apps/destroyed", Map.of("value", "old"));
        VaultSecrets secrets = secrets(Map.of("pendule.vault.token", vault.token("", null, "secret/data/*")));
        assertEquals(Optional.of("old"), secrets.value("apps/gone"));
        vault.delete("secret", "apps/gone", false);
        vault.delete("secret", "apps/destroyed", true);

        assertEquals(Optional.empty(), secrets.value("apps/db#user"));
        assertEquals(Optional.empty(), secrets.value("apps/nothing#password"));
        assertEquals(Optional.empty(), secrets.value("apps/gone"));
        assertEquals(Optional.empty(), secrets.value("apps/destroyed"));
    }

    @Test
    void theMountAndNamespaceAreHonoured() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("team-a", "kv", "db", Map.of("value", "team a's"));
        vault.put("", "kv", "db", Map.of("value", "root's"));
        String teamToken = vault.token("team-a", null, "kv/data/*");
        VaultSecrets secrets = secrets(Map.of("pendule.vault.token", teamToken, "pendule.vault.mount", "kv",
                "pendule.vault.namespace", "team-a"));
        assertEquals(Optional.of("team a's"), secrets.value("db"));
        assertEquals(List.of(new FakeVault.Seen("GET", "kv/data/db", "team-a", true)), vault.seen());

        SecretUnavailable otherNamespace = assertThrows(SecretUnavailable.class,
                () -> secrets(Map.of("pendule.vault.token", teamToken, "pendule.vault.mount", "kv")).value("db"));
        assertTrue(otherNamespace.getMessage().contains("permission denied"), otherNamespace.getMessage());
    }

    @Test
    void aTokenWithoutThePolicyIsPermissionDeniedWithoutTheTokenInTheMessage() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("secret", "apps/db", Map.of("password", "pw-1"));
        String token = vault.token("", null, "secret/data/other/*");
        SecretUnavailable denied = assertThrows(SecretUnavailable.class,
                () -> secrets(Map.of("pendule.vault.token", token)).value("apps/db#password"));
        assertEquals("secret apps/db#password from vault: permission denied reading secret/data/apps/db: the token lacks a "
                + "policy allowing it, or has expired: permission denied", denied.getMessage());
        assertFalse(denied.getMessage().contains(token));
    }

    @Test
    void anExpiredTokenIsPermissionDenied() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("secret", "a", Map.of("value", "v"));
        VaultSecrets secrets = secrets(Map.of("pendule.vault.token", vault.token("", Duration.ofMinutes(1), "secret/data/*")));
        assertEquals(Optional.of("v"), secrets.value("a"));
        now.set(now.get().plusSeconds(60));
        assertTrue(assertThrows(SecretUnavailable.class, () -> secrets.value("a")).getMessage().contains("permission denied"));
    }

    @Test
    void aTokenFileIsReadAgainWhenItChanges() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("secret", "a", Map.of("value", "v"));
        Path file = dir.resolve("token");
        Files.writeString(file, vault.token("", null, "secret/data/*") + "\n");
        VaultSecrets secrets = secrets(Map.of("pendule.vault.token.file", file.toString()));
        assertEquals(Optional.of("v"), secrets.value("a"));
        vault.revokeAll();
        Files.writeString(file, vault.token("", null, "secret/data/*"));
        assertEquals(Optional.of("v"), secrets.value("a"), "the new token, after the old one was refused");
    }

    @Test
    void kubernetesAuthLogsInAndAgainBeforeTheLeaseEndsAndAfterARefusal() throws Exception {
        vault = FakeVault.http(clock);
        vault.put("secret", "a", Map.of("value", "v"));
        vault.kubernetesRole("", "k8s", "pendule", "jwt-1", Duration.ofSeconds(60), "secret/data/*");
        Path jwt = dir.resolve("sa-token");
        Files.writeString(jwt, "jwt-1\n");
        VaultSecrets secrets = secrets(Map.of("pendule.vault.auth", "kubernetes", "pendule.vault.k8s.role", "pendule",
                "pendule.vault.k8s.mount", "k8s", "pendule.vault.k8s.token.file", jwt.toString()));

        assertEquals(Optional.of("v"), secrets.value("a"));
        assertEquals(1, vault.logins());
        FakeVault.Seen login = vault.seen().get(0);
        assertEquals(new FakeVault.Seen("POST", "auth/k8s/login", "", false), login);
        now.set(now.get().plusSeconds(39));
        assertEquals(Optional.of("v"), secrets.value("a"));
        assertEquals(1, vault.logins(), "the token is kept within 2/3 of its lease");
        now.set(now.get().plusSeconds(1));
        assertEquals(Optional.of("v"), secrets.value("a"));
        assertEquals(2, vault.logins(), "a new login at 2/3 of the lease");

        vault.kubernetesRole("", "k8s", "pendule", "jwt-2", Duration.ofSeconds(60), "secret/data/*");
        Files.writeString(jwt, "jwt-2");
        vault.revokeAll();
        assertEquals(Optional.of("v"), secrets.value("a"), "a refused token: one new login, with the rotated JWT");
        assertEquals(3, vault.logins());
    }

    @Test
    void aKubernetesLoginRefusedFailsClearly() throws Exception {
        vault = FakeVault.http(clock);
        vault.kubernetesRole("", "kubernetes", "pendule", "jwt-1", Duration.ofSeconds(60), "secret/data/*");
        Path jwt = dir.resolve("sa-token");
        Files.writeString(jwt, "someone-elses-jwt");
        Map<String, String> settings = new HashMap<>(Map.of("pendule.vault.auth", "kubernetes", "pendule.vault.k8s.role", "pendule",
                "pendule.vault.k8s.token.file", jwt.toString()));
        SecretUnavailable wrongJwt = assertThrows(SecretUnavailable.class, () -> secrets(settings).value("a"));
        assertEquals("secret a from vault: vault refused the kubernetes login as role pendule at auth/kubernetes (403): "
                + "permission denied", wrongJwt.getMessage());
        settings.put("pendule.vault.k8s.role", "other");
        SecretUnavailable wrongRole = assertThrows(SecretUnavailable.class, () -> secrets(settings).value("a"));
        assertTrue(wrongRole.getMessage().endsWith("(400): invalid role name \"other\""), wrongRole.getMessage());
        settings.put("pendule.vault.k8s.token.file", dir.resolve("none").toString());
        assertTrue(assertThrows(SecretUnavailable.class, () -> secrets(settings).value("a")).getMessage()
                .contains("cannot be read: NoSuchFileException"));
    }

    @Test
    void aSealedVaultFailsClearly() throws Exception {
        vault = FakeVault.http(clock);
        vault.seal(true);
        SecretUnavailable sealed = assertThrows(SecretUnavailable.class,
                () -> secrets(Map.of("pendule.vault.token", "t")).value("a"));
        assertEquals("secret a from vault: vault at " + vault.address() + " is sealed or unavailable (503): Vault is sealed",
                sealed.getMessage());
    }

    @Test
    void anUnreachableOrSilentVaultFailsClearly() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        VaultSecrets unreachable = new VaultSecrets(Settings.of(Map.of("pendule.vault.addr", "http://127.0.0.1:" + closed,
                "pendule.vault.token", "t")), clock);
        String message = assertThrows(SecretUnavailable.class, () -> unreachable.value("a")).getMessage();
        assertTrue(message.startsWith("secret a from vault: vault at http://127.0.0.1:" + closed + " cannot be reached: "
                + "ConnectException"), message);

        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            VaultSecrets slow = new VaultSecrets(Settings.of(Map.of("pendule.vault.addr", "http://127.0.0.1:" + silent.getLocalPort(),
                    "pendule.vault.token", "t", "pendule.vault.timeout", "1s")), clock);
            long start = System.nanoTime();
            assertEquals("secret a from vault: vault at http://127.0.0.1:" + silent.getLocalPort() + " did not answer within 1 s",
                    assertThrows(SecretUnavailable.class, () -> slow.value("a")).getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
        }
    }

    @Test
    void aCustomCaIsTrustedAndWithoutItTheSameServerIsRefused() throws Exception {
        vault = FakeVault.https(clock, dir);
        vault.put("secret", "a", Map.of("value", "over tls"));
        String token = vault.token("", null, "secret/data/*");
        VaultSecrets trusted = secrets(Map.of("pendule.vault.token", token, "pendule.vault.cacert", vault.caPem().toString()));
        assertEquals(Optional.of("over tls"), trusted.value("a"));

        SecretUnavailable refused = assertThrows(SecretUnavailable.class,
                () -> secrets(Map.of("pendule.vault.token", token)).value("a"));
        assertTrue(refused.getMessage().contains("cannot be reached: SSLHandshakeException"), refused.getMessage());
        assertEquals(1, vault.seen().size(), "the untrusted connection sent no request");
    }

    @Test
    void settingsThatCannotBeUsedFailTheRunsNotTheStart() {
        for (Map<String, String> wrong : List.of(Map.of("pendule.vault.auth", "ldap"), Map.<String, String>of(),
                Map.of("pendule.vault.auth", "kubernetes"), Map.of("pendule.vault.token", "t", "pendule.vault.cacert", "/nope.pem"),
                Map.of("pendule.vault.token", "t", "pendule.vault.mount", "a/../b"))) {
            Map<String, String> settings = new HashMap<>(wrong);
            settings.put("pendule.vault.addr", "http://127.0.0.1:1");
            VaultSecrets secrets = new VaultSecrets(Settings.of(settings), clock);
            assertEquals(Optional.empty(), secrets.notConfigured(), "references are accepted: the settings are to fix");
            SecretUnavailable failed = assertThrows(SecretUnavailable.class, () -> secrets.value("a"));
            assertTrue(failed.getMessage().startsWith("secret a from vault: PENDULE_VAULT_"), failed.getMessage());
        }
        VaultSecrets none = new VaultSecrets(Settings.of(Map.of()), clock);
        assertEquals(Optional.of("provider vault is not configured: set PENDULE_VAULT_ADDR"), none.notConfigured());
        assertEquals(Optional.empty(), none.value("a"));
    }

    private VaultSecrets secrets(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("pendule.vault.addr", vault.address());
        return new VaultSecrets(Settings.of(all), clock);
    }
}
