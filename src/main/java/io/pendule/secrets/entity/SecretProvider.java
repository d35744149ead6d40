package io.pendule.secrets.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a secret's value comes from, by the code a qualified reference names it with. */
public enum SecretProvider {
    STORE("store", "store"),
    FILE("file", "files"),
    ENV("env", "environment"),
    /** HashiCorp Vault's (or OpenBao's) KV v2, when PENDULE_VAULT_ADDR is set. */
    VAULT("vault", "vault");

    /** The order an unqualified reference asks the providers in (those configured). */
    public static final List<SecretProvider> ORDER = List.of(STORE, FILE, ENV, VAULT);

    private final String code;
    private final String label;

    SecretProvider(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** How an error message names it: "store", "files", "environment". */
    public String label() {
        return label;
    }

    public static Optional<SecretProvider> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
