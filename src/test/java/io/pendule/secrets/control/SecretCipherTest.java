package io.pendule.secrets.control;

import io.pendule.secrets.entity.Sealed;
import io.pendule.secrets.entity.SecretUnavailable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCipherTest {

    private static final byte[] KEY = key(1);
    private static final byte[] OTHER = key(2);

    @Test
    void aValueComesBackAndIsNotInTheCiphertext() {
        SecretCipher cipher = new SecretCipher(KEY, null);
        Sealed sealed = cipher.seal("api-token", "hunter2-ünïcode");
        assertEquals("hunter2-ünïcode", cipher.open("api-token", sealed));
        assertEquals(12, sealed.iv().length);
        assertEquals(SecretCipher.keyId(KEY), sealed.keyId());
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1).contains("hunter2"));
    }

    @Test
    void eachWriteHasItsOwnIv() {
        SecretCipher cipher = new SecretCipher(KEY, null);
        Sealed one = cipher.seal("a", "same");
        Sealed two = cipher.seal("a", "same");
        assertFalse(Arrays.equals(one.iv(), two.iv()));
        assertFalse(Arrays.equals(one.ciphertext(), two.ciphertext()));
    }

    @Test
    void aNodeWithAnotherKeySaysSoRatherThanAnswerGarbage() {
        Sealed sealed = new SecretCipher(KEY, null).seal("a", "v");
        SecretUnavailable refused = assertThrows(SecretUnavailable.class, () -> new SecretCipher(OTHER, null).open("a", sealed));
        assertEquals("secret a in the store was encrypted with key " + SecretCipher.keyId(KEY) + ", and this node has key "
                + SecretCipher.keyId(OTHER) + ": every node needs the same PENDULE_SECRET_KEY (docs/secrets.md)", refused.getMessage());
    }

    @Test
    void aChangedCiphertextOrAnotherNameIsRefused() {
        SecretCipher cipher = new SecretCipher(KEY, null);
        Sealed sealed = cipher.seal("a", "value");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[0] ^= 1;
        SecretUnavailable refused = assertThrows(SecretUnavailable.class,
                () -> cipher.open("a", new Sealed(tampered, sealed.iv(), sealed.keyId())));
        assertEquals("secret a in the store cannot be decrypted: its stored value was changed or damaged", refused.getMessage());
        assertThrows(SecretUnavailable.class, () -> cipher.open("b", sealed), "the name is authenticated");
    }

    @Test
    void withThePreviousKeyOldRowsOpenAndNewOnesAreSealedWithTheCurrent() {
        Sealed old = new SecretCipher(OTHER, null).seal("a", "value");
        SecretCipher rotating = new SecretCipher(KEY, OTHER);
        assertEquals("value", rotating.open("a", old));
        Sealed again = rotating.seal("a", rotating.open("a", old));
        assertEquals(SecretCipher.keyId(KEY), again.keyId());
        assertEquals("value", new SecretCipher(KEY, null).open("a", again));
        assertEquals(SecretCipher.keyId(OTHER), rotating.previousKeyId().orElseThrow());
    }

    @Test
    void keyIdsAreEightHexDigitsAndOnlyA256BitKeyIsTaken() {
        assertTrue(SecretCipher.keyId(KEY).matches("[0-9a-f]{8}"));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(new byte[16], null));
        assertArrayEquals(KEY, key(1));
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }
}
