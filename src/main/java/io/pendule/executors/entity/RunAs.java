package io.pendule.executors.entity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account a shell job runs as (Dkron's {@code su} key): {@code user} or {@code user:group}, names of the worker's
 * system accounts.
 *
 * @param group null for the user's own primary group
 */
public record RunAs(String user, String group) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");

    /** {@code text} read as {@code user} or {@code user:group}; empty when it is neither. */
    public static Optional<RunAs> parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length > 2 || !NAME.matcher(parts[0]).matches()
                || (parts.length == 2 && !NAME.matcher(parts[1]).matches())) {
            return Optional.empty();
        }
        return Optional.of(new RunAs(parts[0], parts.length == 2 ? parts[1] : null));
    }

    @Override
    public String toString() {
        return group == null ? user : user + ":" + group;
    }
}
