package io.pendule.security.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a user or token may do; cumulative: an operator is also a viewer, an admin also an operator. The container
 * knows a caller by the groups of its role ({@link #groups()}), so that every check names the one role it needs.
 * <ul>
 * <li>{@code viewer}: reads jobs, runs and outputs (secrets masked);</li>
 * <li>{@code operator}: also runs, cancels, enables and disables any job, writes http jobs, clears history;</li>
 * <li>{@code admin}: everything, among it whatever makes a Pendule host execute code or read its files (shell jobs),
 * users, everyone's tokens, the cluster's pause and leave.</li>
 * </ul>
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    /** The name users and the API use: viewer, operator, admin. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role below it. */
    public Set<String> groups() {
        return Arrays.stream(values()).filter(role -> role.ordinal() <= ordinal()).map(Role::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equals(id)).findFirst();
    }
}
