package io.pendule.it;

import io.pendule.security.control.TokenText;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Users and API tokens written straight into a test's PostgreSQL database (tables app_user and api_token of
 * db/V19__identities.sql), as an admin would have made them: a token is kept as the SHA-256 of its text
 * ({@link TokenText}), a password as Jakarta Security's PBKDF2 hash ({@code algorithm:iterations:salt:hash}, Base64).
 * The tests know the texts; the node only the hashes.
 */
final class Identities {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Identities() {
    }

    /** A user with {@code role}; with a password when {@code password} is not null. */
    static void user(String db, String name, String role, String password) {
        Instant now = Instant.now();
        TestDatabases.update(db, "INSERT INTO app_user (name, password_hash, role, disabled, must_change_password, session_epoch, "
                + "created_at, updated_at) VALUES (?, ?, ?, FALSE, FALSE, 0, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                + "password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, disabled = FALSE",
                name, password == null ? null : pbkdf2(password), role, now, now);
    }

    /** A new API token of {@code owner} with {@code role}; answers its text, the only time it is known. */
    static String token(String db, String owner, String role) {
        TokenText token = TokenText.generate();
        TestDatabases.update(db, "INSERT INTO api_token (id, name, owner, role, secret_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                token.id(), "test " + role + " " + token.id(), owner, role, token.sha256(), Instant.now());
        return token.text();
    }

    /** A well-formed token that names no token of the node. */
    static String unknownToken() {
        return TokenText.generate().text();
    }

    /** The hash Jakarta Security's Pbkdf2PasswordHash verifies: PBKDF2WithHmacSHA256, its parameters inside. */
    static String pbkdf2(String password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        int iterations = 10_000;
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                    + Base64.getEncoder().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
