package io.pendule.security.control;

import io.pendule.platform.Settings;
import io.pendule.security.entity.Role;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Pendule role a single sign-on provider's user gets: the highest whose groups (PENDULE_OIDC_ADMIN_GROUPS,
 * …_OPERATOR_GROUPS, …_VIEWER_GROUPS) meet the groups in the user's claim (PENDULE_OIDC_ROLES_CLAIM); none: refused.
 * A group given by name matches it at any path (Keycloak's "/ops/pendule-admins" is "pendule-admins"); a group given
 * with its path matches that path only; "*" matches every user.
 */
public record ProviderRoles(String claim, Map<Role, Set<String>> groups) {

    static final String EVERYONE = "*";

    public static ProviderRoles of(Settings settings) {
        return new ProviderRoles(settings.oidcRolesClaim(), Arrays.stream(Role.values()).collect(Collectors.toMap(
                role -> role, role -> names(settings.oidcGroups(role.id())))));
    }

    private static Set<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The role of a user with these claims, if any of their groups gives one. */
    public Optional<Role> roleOf(Map<String, Object> claims) {
        Set<String> theirs = groupsIn(claims);
        return Arrays.stream(Role.values()).sorted((a, b) -> b.compareTo(a))
                .filter(role -> groups.getOrDefault(role, Set.of()).stream()
                        .anyMatch(group -> group.equals(EVERYONE) || theirs.stream().anyMatch(their -> matches(group, their))))
                .findFirst();
    }

    /**
     * The groups the claim lists (an array or a single string; a dotted name reads a nested claim, realm_access.roles,
     * unless a claim has that whole name, as Auth0's namespaced https://pendule.example.com/groups).
     */
    public Set<String> groupsIn(Map<String, Object> claims) {
        Object value = claims.get(claim);
        if (value == null) {
            value = claims;
            for (String step : claim.split("\\.")) {
                value = value instanceof Map<?, ?> map ? map.get(step) : null;
            }
        }
        Collection<?> listed = value instanceof Collection<?> many ? many : value == null ? List.of() : List.of(value);
        return listed.stream().filter(String.class::isInstance).map(String.class::cast)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean matches(String configured, String theirs) {
        return theirs.equals(configured) || !configured.contains("/") && theirs.endsWith("/" + configured);
    }
}
