package io.pendule.jobs.control;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** Job names for imported schedules: made to follow Pendule's rule (JobValidator), and kept apart from each other. */
final class ImportedNames {

    private final Set<String> used = new HashSet<>();
    private final Predicate<String> exists;

    /** {@code exists}: whether a stored job has the name already. */
    ImportedNames(Predicate<String> exists) {
        this.exists = exists;
    }

    /**
     * The name as Pendule allows it: lower case; every other character than letters, digits, '_' and '-' a '-' (a
     * Kubernetes name's dots, a path's slashes), none at either end; at most JobValidator.MAX_NAME_LENGTH long; empty
     * when nothing is left.
     */
    static String sanitized(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Ll}0-9_-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        return lower.length() > JobValidator.MAX_NAME_LENGTH ? lower.substring(0, JobValidator.MAX_NAME_LENGTH) : lower;
    }

    /** Whether this import or a stored job has the name. */
    boolean taken(String name) {
        return used.contains(name) || exists.test(name);
    }

    boolean storedJobHas(String name) {
        return exists.test(name);
    }

    /** Marks the name as this import's; false when it already was. */
    boolean claim(String name) {
        return used.add(name);
    }

    /** The name, or the first of name-2, name-3… that neither this import nor a stored job has; claimed. */
    String free(String name) {
        String candidate = name;
        for (int n = 2; taken(candidate); n++) {
            String suffix = "-" + n;
            candidate = (name.length() + suffix.length() > JobValidator.MAX_NAME_LENGTH
                    ? name.substring(0, JobValidator.MAX_NAME_LENGTH - suffix.length()) : name) + suffix;
        }
        used.add(candidate);
        return candidate;
    }
}
