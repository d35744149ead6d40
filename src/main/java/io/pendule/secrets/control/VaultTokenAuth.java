package io.pendule.secrets.control;

import io.pendule.secrets.entity.SecretUnavailable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Vault's {@code token} auth: PENDULE_VAULT_TOKEN as given, or PENDULE_VAULT_TOKEN_FILE, read again when the file
 * changes (a Vault Agent's sink rewrites it as it renews) and after Vault refused the token it held.
 */
final class VaultTokenAuth implements VaultAuth {

    private final String given;
    private final Path file;
    private String read;
    private FileTime readAt;

    private VaultTokenAuth(String given, Path file) {
        this.given = given;
        this.file = file;
    }

    static VaultTokenAuth of(String token) {
        return new VaultTokenAuth(token, null);
    }

    static VaultTokenAuth fromFile(Path file) {
        return new VaultTokenAuth(null, file);
    }

    @Override
    public synchronized String token(VaultClient vault) {
        if (given != null) {
            return given;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (read == null || !modified.equals(readAt)) {
                read = Files.readString(file, StandardCharsets.UTF_8).strip();
                readAt = modified;
            }
        } catch (IOException e) {
            throw new SecretUnavailable("PENDULE_VAULT_TOKEN_FILE " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
        if (read.isEmpty()) {
            throw new SecretUnavailable("PENDULE_VAULT_TOKEN_FILE " + file + " is empty");
        }
        return read;
    }

    @Override
    public synchronized void refused(String token) {
        read = null;
    }

    @Override
    public String describe() {
        return given != null ? "token" : "token of " + file;
    }
}
