package io.pendule.secrets.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretKeysTest {

    @Test
    void aKeyFileIsMadeOnceReadableByItsOwnerOnlyAndKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("secret.key");
        byte[] first = SecretKeys.fromFile(file);
        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, SecretKeys.fromFile(file));
    }

    @Test
    void aWrongKeySettingIsRefusedWithoutShowingIt() {
        IllegalStateException notBase64 = assertThrows(IllegalStateException.class, () -> SecretKeys.decode("PENDULE_SECRET_KEY", "not*base64"));
        assertEquals("PENDULE_SECRET_KEY must be base64 (e.g. openssl rand -base64 32)", notBase64.getMessage());
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalStateException tooShort = assertThrows(IllegalStateException.class, () -> SecretKeys.decode("PENDULE_SECRET_KEY", short16));
        assertEquals("PENDULE_SECRET_KEY must be base64 of 32 bytes, not 16 (e.g. openssl rand -base64 32)", tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains(short16));
        assertEquals(32, SecretKeys.decode("x", " " + Base64.getEncoder().encodeToString(new byte[32]) + "\n").length);
    }
}
