package io.pendule.endpoints.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An endpoint's slug, its key in HDM's tables (db_key): 1 to 128 lower-case ASCII letters, digits, '-' and '_', as a
 * job's name. No '.', so that a pack configuration's id "pack:slug" never reads as "pack:version" (docs/packs-matrix.md).
 */
public final class EndpointSlug {

    public static final int MAX_LENGTH = 128;
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_-]{1," + MAX_LENGTH + "}");

    private EndpointSlug() {
    }

    public static boolean valid(String slug) {
        return slug != null && SLUG.matcher(slug).matches();
    }

    public static Optional<String> problem(String slug) {
        if (slug == null || slug.isEmpty()) {
            return Optional.of("required: lower-case letters, digits, '-' and '_'");
        }
        return valid(slug) ? Optional.empty()
                : Optional.of("1 to " + MAX_LENGTH + " lower-case letters (a-z), digits, '-' and '_'");
    }
}
