package io.pendule.endpoints.control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds credentials in an endpoint's connection string or URL, which must hold none (they would be stored, shown and
 * logged with it): a password in the user part ({@code postgresql://user:password@host/db},
 * {@code mongodb+srv://u:p@cluster}), Oracle's thin form ({@code jdbc:oracle:thin:user/password@host}), a Go-style DSN
 * ({@code user:password@tcp(host)/db}), and a key that names a password, a secret or a token in a query string or a
 * {@code key=value;} list ({@code ?password=}, {@code ;Pwd=}, {@code &access_token=}, {@code sslpassword=}). A user name
 * alone is fine. The answer says which form was found, never the value.
 */
public final class UrlCredentials {

    /** Keys that hold a credential whatever surrounds them. */
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|passwd|passphrase|secret|token|credential).*");
    /** Keys that hold a credential only when they are the whole key. */
    private static final Pattern SHORT_SECRET_KEY = Pattern.compile("(pwd|pass|psw|apikey|api[-_.]key|access[-_.]?key|"
            + "secret[-_.]?key|private[-_.]?key|auth|authorization|sig|signature)");
    private static final Pattern ORACLE_THIN = Pattern.compile("(?i)jdbc:oracle:(thin|oci|oci8):[^@/]+/[^@]*@.*");
    private static final Pattern DSN_USER_PASSWORD = Pattern.compile("[^:/@?;=\\s]+:[^/@?;\\s]+@.*");

    private UrlCredentials() {
    }

    /** What credentials {@code url} holds, as a phrase for the message ("a password in the user part"); none: empty. */
    public static Optional<String> found(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        if (ORACLE_THIN.matcher(url).matches()) {
            return Optional.of("a password in Oracle's user/password@ form");
        }
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            if (userInfoHasPassword(url.substring(scheme + 3))) {
                return Optional.of("a password in the user part (user:password@)");
            }
        } else if (!url.regionMatches(true, 0, "jdbc:", 0, 5) && DSN_USER_PASSWORD.matcher(url).matches()) {
            return Optional.of("a password in the user part (user:password@)");
        }
        return secretParameter(url).map(key -> "a parameter " + key + "= (a password, secret or token)");
    }

    /** The user part of an authority ({@code user:password@host}, up to the path, query or fragment) holds a password. */
    private static boolean userInfoHasPassword(String afterScheme) {
        int end = afterScheme.length();
        for (char stop : new char[]{'/', '?', '#', ';'}) {
            int at = afterScheme.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = afterScheme.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        return colon >= 0 && colon < userInfo.length() - 1;
    }

    /** The first key of a query string or of a {@code key=value;} list that names a credential, as written. */
    private static Optional<String> secretParameter(String url) {
        for (String part : url.split("[?&;]")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = part.substring(0, equals).strip();
            if (isSecretKey(decoded(key).toLowerCase(Locale.ROOT))) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    static boolean isSecretKey(String key) {
        String bare = key.startsWith("{") && key.endsWith("}") ? key.substring(1, key.length() - 1) : key;
        return SECRET_KEY.matcher(bare).matches() || SHORT_SECRET_KEY.matcher(bare).matches();
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
