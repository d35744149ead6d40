package io.pendule.secrets.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Vault KV v2 secret as a reference names it, {@code path/to/secret#key}: the path's segments of A-Z a-z 0-9 . _ -
 * separated by '/', none empty, "." or ".." (Vault would clean them into another path); the key, one of the secret's
 * data, {@value #DEFAULT_KEY} when no {@code #key} is given (and for an unqualified {@code ${secret:NAME}}).
 */
public record VaultSecretName(String path, String key) {

    public static final String DEFAULT_KEY = "value";
    public static final int MAX_PATH_LENGTH = 512;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1," + SecretName.MAX_LENGTH + "}");

    /** What is wrong with {@code text}, if anything; never repeats it, which may be a value pasted by mistake. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("a vault secret cannot be empty: use PATH or PATH#KEY");
        }
        int hash = text.indexOf('#');
        String path = hash < 0 ? text : text.substring(0, hash);
        Optional<String> pathProblem = pathProblem(path);
        if (pathProblem.isPresent() || hash < 0) {
            return pathProblem;
        }
        if (!KEY.matcher(text.substring(hash + 1)).matches()) {
            return Optional.of("the key after # of a vault secret is 1 to " + SecretName.MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ -");
        }
        return Optional.empty();
    }

    /** What is wrong with a path of Vault (a secret's, a mount's), if anything. */
    public static Optional<String> pathProblem(String path) {
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            return Optional.of("a vault path is 1 to " + MAX_PATH_LENGTH + " characters");
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("a vault path is segments of A-Z a-z 0-9 . _ - separated by /, none empty, \".\" or \"..\"");
            }
        }
        return Optional.empty();
    }

    /** The path and key {@code text} names; throws {@link IllegalArgumentException} when {@link #problem} has one. */
    public static VaultSecretName of(String text) {
        problem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int hash = text.indexOf('#');
        return hash < 0 ? new VaultSecretName(text, DEFAULT_KEY)
                : new VaultSecretName(text.substring(0, hash), text.substring(hash + 1));
    }

    @Override
    public String toString() {
        return path + "#" + key;
    }
}
