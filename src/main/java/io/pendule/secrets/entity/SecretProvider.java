package io.pendule.secrets.entity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Where a secret's value comes from, by the code a qualified reference names it with. */
public enum SecretProvider {
    STORE("store", "store"),
    FILE("file", "files"),
    ENV("env", "environment"),
    /** Reserved: named by references that must keep meaning the same thing once it exists. */
    VAULT("vault", "vault");

    /** The order an unqualified reference asks the providers in. */
    public static final List<SecretProvider> ORDER = List.of(STORE, FILE, ENV);

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
