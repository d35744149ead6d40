package io.pendule.secrets.control;

import io.pendule.secrets.entity.Sealed;
import io.pendule.secrets.entity.SecretUnavailable;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * AES-256-GCM for the store's values: a random 96-bit IV per write, the secret's name as additional data (a ciphertext
 * copied to another name fails), a 128-bit tag (a changed byte fails). Rows say which key wrote them; the previous
 * key, when given, opens rows not yet re-encrypted.
 */
public final class SecretCipher {

    public static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec current;
    private final String currentId;
    private final SecretKeySpec previous;
    private final String previousId;

    public SecretCipher(byte[] currentKey, byte[] previousKey) {
        this.current = key(currentKey);
        this.currentId = keyId(currentKey);
        this.previous = previousKey == null ? null : key(previousKey);
        this.previousId = previousKey == null ? null : keyId(previousKey);
    }

    /** The first 8 hex digits of the key's SHA-256: tells keys apart, says nothing of them. */
    public static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String currentKeyId() {
        return currentId;
    }

    public Optional<String> previousKeyId() {
        return Optional.ofNullable(previousId);
    }

    public Sealed seal(String name, String value) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return new Sealed(cipher.doFinal(value.getBytes(StandardCharsets.UTF_8)), iv, currentId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The value of {@code name}; a row of an unknown key, or changed since it was written, is refused by a clear error. */
    public String open(String name, Sealed sealed) {
        SecretKeySpec key = sealed.keyId().equals(currentId) ? current
                : sealed.keyId().equals(previousId) ? previous : null;
        if (key == null) {
            throw new SecretUnavailable("secret " + name + " in the store was encrypted with key " + sealed.keyId()
                    + ", and this node has key " + currentId + ": every node needs the same PENDULE_SECRET_KEY (docs/secrets.md)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnavailable("secret " + name + " in the store cannot be decrypted: its stored value was changed "
                    + "or damaged");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnavailable("secret " + name + " in the store cannot be decrypted: " + e.getClass().getSimpleName());
        }
    }

    private static SecretKeySpec key(byte[] bytes) {
        if (bytes == null || bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secret key is " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
