package io.pendule.secrets.entity;

/** A value encrypted by AES-GCM: the ciphertext with its tag, the IV, and the id of the key (never the key). */
public record Sealed(byte[] ciphertext, byte[] iv, String keyId) {
}
