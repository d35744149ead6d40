package io.pendule.packs.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of the names the matrix and the configurations hold: a pack's name (1 to 128 letters, digits, '.', '_'
 * and '-', starting with a letter or digit; never ':' which separates the parts of a configuration's id) and a pack's
 * version (the same, up to 255, '+' allowed).
 */
public final class MatrixNames {

    private static final Pattern PACK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");

    private MatrixNames() {
    }

    public static boolean validPack(String name) {
        return name != null && PACK.matcher(name).matches();
    }

    public static Optional<String> packProblem(String name) {
        return validPack(name) ? Optional.empty()
                : Optional.of("a pack's name: 1 to 128 letters, digits, '.', '_' and '-', starting with a letter or digit");
    }

    public static boolean validVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }

    /** Whether a configuration id's second part can only be a version: it holds a character no slug has. */
    public static boolean onlyAVersion(String text) {
        return validVersion(text) && !text.matches("[a-z0-9_-]+");
    }
}
