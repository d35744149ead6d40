package io.pendule.secrets.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/** The one rule for a secret's name, shared by the store, the references and the files (a name is a file name). */
public final class SecretName {

    public static final int MAX_LENGTH = 128;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private SecretName() {
    }

    /** What is wrong with {@code name}, if anything; never repeats the name, which may be a value pasted by mistake. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a secret name cannot be empty");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("a secret name is 1 to " + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ -");
        }
        if (name.equals(".") || name.contains("..")) {
            return Optional.of("a secret name cannot be \".\" or contain \"..\"");
        }
        return Optional.empty();
    }

    public static boolean valid(String name) {
        return problem(name).isEmpty();
    }
}
