package io.pendule.secrets.control;

import io.pendule.platform.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The store's key: PENDULE_SECRET_KEY (base64 of 32 bytes) or, without it, {@code PENDULE_DATA_DIR/secret.key},
 * generated at the first start with mode 0600. A generated key is this node's only: the log says that a cluster must
 * share one by PENDULE_SECRET_KEY. PENDULE_SECRET_KEY_PREVIOUS opens the rows of the key before a rotation.
 */
@ApplicationScoped
public class SecretKeys {

    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());
    static final String KEY_FILE = "secret.key";

    @Inject
    Settings settings;

    private SecretCipher cipher;

    public synchronized SecretCipher cipher() {
        if (cipher == null) {
            byte[] current = settings.secretKey().map(text -> decode("PENDULE_SECRET_KEY", text))
                    .orElseGet(() -> fromFile(settings.dataDir().resolve(KEY_FILE)));
            byte[] previous = settings.secretKeyPrevious().map(text -> decode("PENDULE_SECRET_KEY_PREVIOUS", text)).orElse(null);
            cipher = new SecretCipher(current, previous);
        }
        return cipher;
    }

    /** The key a setting gives; the message never shows the text, which may be a key mistyped. */
    static byte[] decode(String setting, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be base64 (e.g. openssl rand -base64 32)");
        }
        if (key.length != SecretCipher.KEY_BYTES) {
            throw new IllegalStateException(setting + " must be base64 of " + SecretCipher.KEY_BYTES + " bytes, not "
                    + key.length + " (e.g. openssl rand -base64 32)");
        }
        return key;
    }

    static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            return decode(file.toString(), Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("the secret store's key " + file + " cannot be read or made: " + e.getMessage()
                    + "; set PENDULE_SECRET_KEY", e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
            LOG.warning(() -> "Could not make " + file + " readable by this account only: protect it yourself");
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
        LOG.warning(() -> "Pendule made the secret store's key " + file + " (key " + SecretCipher.keyId(key) + "). It is "
                + "this node's only: in a cluster every node must have the same key, set PENDULE_SECRET_KEY on each "
                + "(docs/secrets.md). Keep a copy: without it the stored secrets are lost.");
    }
}
