package io.pendule.secrets.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The environment and files providers. */
class SecretProvidersTest {

    @Test
    void anEnvironmentSecretIsItsUpperCasedVariable() {
        EnvironmentSecrets env = new EnvironmentSecrets(Map.of("PENDULE_SECRET_API_TOKEN", "t0k", "PENDULE_SECRET_DB_PASS", "pw")::get);
        assertEquals(Optional.of("t0k"), env.value("api-token"));
        assertEquals(Optional.of("t0k"), env.value("API.token"));
        assertEquals(Optional.of("pw"), env.value("db_pass"));
        assertEquals(Optional.empty(), env.value("other"));
    }

    /** Else any job could send the store's key to any server. */
    @Test
    void theSecretSettingsAreNeverSecrets() {
        EnvironmentSecrets env = new EnvironmentSecrets(Map.of("PENDULE_SECRET_KEY", "k", "PENDULE_SECRET_KEY_PREVIOUS", "p",
                "PENDULE_SECRET_CACHE", "30s")::get);
        assertEquals(Optional.empty(), env.value("key"));
        assertEquals(Optional.empty(), env.value("key-previous"));
        assertEquals(Optional.empty(), env.value("key.previous"));
        assertEquals(Optional.empty(), env.value("cache"));
    }

    @Test
    void aFileSecretLosesOneTrailingNewlineOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("one"), "value\n");
        Files.writeString(dir.resolve("two"), "value\n\n");
        Files.writeString(dir.resolve("crlf"), "value\r\n");
        Files.writeString(dir.resolve("none"), "value");
        FileSecrets files = new FileSecrets(dir);
        assertEquals(Optional.of("value"), files.value("one"));
        assertEquals(Optional.of("value\n"), files.value("two"));
        assertEquals(Optional.of("value"), files.value("crlf"));
        assertEquals(Optional.of("value"), files.value("none"));
        assertEquals(Optional.empty(), files.value("absent"));
    }

    @Test
    void aFileSecretNeverComesFromOutsideTheDirectory(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectory(root.resolve("secrets"));
        Files.writeString(root.resolve("outside"), "not yours");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("x"), "nested");
        FileSecrets files = new FileSecrets(dir);
        assertEquals(Optional.empty(), files.value("../outside"));
        assertEquals(Optional.empty(), files.value(".."));
        assertEquals(Optional.empty(), files.value("sub/x"));
        assertEquals(Optional.empty(), files.value("sub"), "a directory is no secret");
    }

    /** Kubernetes mounts each key as a link into its ..data directory, and swaps the links on a change. */
    @Test
    void aChangedFileIsReadAgainAndLinksAreFollowed(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("..data"));
        Files.writeString(data.resolve("token"), "first\n");
        Files.createSymbolicLink(dir.resolve("token"), data.resolve("token"));
        FileSecrets files = new FileSecrets(dir);
        assertEquals(Optional.of("first"), files.value("token"));
        Files.writeString(data.resolve("token"), "second\n");
        assertEquals(Optional.of("second"), files.value("token"));
    }

    @Test
    void withoutADirectoryThereAreNoFileSecrets() {
        assertEquals(Optional.empty(), new FileSecrets(null).value("x"));
    }
}
