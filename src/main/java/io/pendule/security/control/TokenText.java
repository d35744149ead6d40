package io.pendule.security.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The text of an API token: {@code pdl_<id>_<secret>}, the id 8 base62 characters (it names the token in lists and
 * the audit log), the secret 43 random base62 characters (256 bits). The prefix lets secret scanners find a leaked token. Only the
 * SHA-256 of the whole text is stored.
 */
public record TokenText(String id, String text) {

    static final String PREFIX = "pdl_";
    /** Pendule's own tokens, and those an operator gives (PENDULE_ADMIN_TOKEN): at least 32 characters of a bearer token. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._~+/=-]{32,256}");
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static TokenText generate() {
        String id = base62(8);
        return new TokenText(id, PREFIX + id + "_" + base62(43));
    }

    /** Whether {@code text} may be a token at all: anything else is never looked up. */
    public static boolean looksLikeOne(String text) {
        return text != null && ACCEPTED.matcher(text).matches();
    }

    public String sha256() {
        return sha256(text);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code length} random base62 characters (5.95 bits each: 43 make 256 bits). */
    private static String base62(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return text.toString();
    }
}
