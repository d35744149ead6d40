package io.pendule.security.control;

import io.pendule.platform.Settings;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProviderRolesTest {

    /** The roles as an operator would set them: PENDULE_OIDC_ADMIN_GROUPS and so on, plus any other setting given. */
    private static ProviderRoles configured(String admins, String operators, String viewers, String... more) {
        Map<String, String> values = new HashMap<>();
        values.put("pendule.oidc.admin-groups", admins);
        values.put("pendule.oidc.operator-groups", operators);
        values.put("pendule.oidc.viewer-groups", viewers);
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return ProviderRoles.of(Settings.of(values));
    }

    private static Map<String, Object> groups(Object groups) {
        return Map.of("sub", "u-1", "groups", groups);
    }

    @Test
    void theHighestRoleAmongTheUsersGroupsWins() {
        ProviderRoles roles = configured("pendule-admins", "pendule-operators", "pendule-viewers");
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups(List.of("pendule-viewers", "pendule-admins", "pendule-operators"))));
        assertEquals(Optional.of(Role.OPERATOR), roles.roleOf(groups(List.of("pendule-viewers", "pendule-operators"))));
        assertEquals(Optional.of(Role.VIEWER), roles.roleOf(groups(List.of("staff", "pendule-viewers"))));
    }

    @Test
    void aUserInNoConfiguredGroupHasNoRole() {
        ProviderRoles roles = configured("pendule-admins", "pendule-operators", "pendule-viewers");
        assertEquals(Optional.empty(), roles.roleOf(groups(List.of("staff", "Pendule-Admins", "pendule-admin"))));
        assertEquals(Optional.empty(), roles.roleOf(groups(List.of())));
    }

    @Test
    void withNoGroupConfiguredNobodyHasARole() {
        ProviderRoles roles = configured("", " , ", "");
        assertEquals(Optional.empty(), roles.roleOf(groups(List.of("pendule-admins", "*", ""))));
    }

    @Test
    void severalCommaSeparatedGroupsMayGiveARoleSpacesAside() {
        ProviderRoles roles = configured(" ops ,  sre,,", "", "");
        assertEquals(Set.of("ops", "sre"), roles.groups().get(Role.ADMIN));
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups(List.of("sre"))));
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups(List.of("ops"))));
    }

    @Test
    void theStarGivesItsRoleToEveryUserEvenWithoutAGroupsClaimAndAHigherGroupStillWins() {
        ProviderRoles roles = configured("pendule-admins", "", "*");
        assertEquals(Optional.of(Role.VIEWER), roles.roleOf(Map.of("sub", "u-1")));
        assertEquals(Optional.of(Role.VIEWER), roles.roleOf(groups(List.of("staff"))));
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups(List.of("staff", "pendule-admins"))));
    }

    @Test
    void aGroupGivenByItsBareNameMatchesItAtAnyPath() {
        ProviderRoles roles = configured("pendule-admins", "", "");
        for (String their : List.of("pendule-admins", "/pendule-admins", "/ops/pendule-admins", "/corp/ops/pendule-admins")) {
            assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups(List.of(their))), their);
        }
        for (String their : List.of("/ops/old-pendule-admins", "/ops/pendule-admins/interns", "/ops/pendule-admins-old",
                "ops-pendule-admins")) {
            assertEquals(Optional.empty(), roles.roleOf(groups(List.of(their))), their);
        }
    }

    @Test
    void aGroupGivenWithItsPathMatchesThatPathOnly() {
        ProviderRoles roles = configured("/ops/pendule-admins", "", "");
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups(List.of("/ops/pendule-admins"))));
        for (String their : List.of("/dev/pendule-admins", "pendule-admins", "/corp/ops/pendule-admins",
                "/ops/pendule-admins/interns", "/ops")) {
            assertEquals(Optional.empty(), roles.roleOf(groups(List.of(their))), their);
        }
    }

    @Test
    void aDottedClaimNameReadsANestedClaim() {
        ProviderRoles roles = configured("pendule-admin", "pendule-operator", "", "pendule.oidc.roles-claim", "realm_access.roles");
        Map<String, Object> claims = Map.of("sub", "u-1", "groups", List.of("pendule-admin"),
                "realm_access", Map.of("roles", List.of("offline_access", "pendule-operator")));
        assertEquals("realm_access.roles", roles.claim());
        assertEquals(Set.of("offline_access", "pendule-operator"), roles.groupsIn(claims));
        assertEquals(Optional.of(Role.OPERATOR), roles.roleOf(claims), "the nested claim, not the top-level groups");
    }

    @Test
    void aClaimNamedWithDotsIsReadWhole() {
        String namespaced = "https://pendule.example.com/groups";
        ProviderRoles roles = configured("pendule-admins", "", "", "pendule.oidc.roles-claim", namespaced);
        Map<String, Object> claims = Map.of("sub", "u-1", namespaced, List.of("pendule-admins"));
        assertEquals(Set.of("pendule-admins"), roles.groupsIn(claims));
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(claims));
    }

    @Test
    void aNestedClaimUnderSomethingOtherThanAnObjectListsNoGroups() {
        ProviderRoles roles = configured("pendule-admin", "", "", "pendule.oidc.roles-claim", "realm_access.roles");
        assertEquals(Set.of(), roles.groupsIn(Map.of("realm_access", "pendule-admin")));
        assertEquals(Set.of(), roles.groupsIn(Map.of("realm_access", List.of("pendule-admin"))));
        assertEquals(Set.of(), roles.groupsIn(Map.of("realm_access", Map.of("groups", List.of("pendule-admin")))));
        assertEquals(Optional.empty(), roles.roleOf(Map.of("realm_access", "pendule-admin")));
    }

    @Test
    void aClaimHoldingOneStringIsOneGroup() {
        ProviderRoles roles = configured("pendule-admins", "", "");
        assertEquals(Set.of("/ops/pendule-admins"), roles.groupsIn(groups("/ops/pendule-admins")));
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(groups("/ops/pendule-admins")));
        assertEquals(Optional.empty(), roles.roleOf(groups("pendule-admins,pendule-operators")),
                "one string is one group, not a list to split");
    }

    @Test
    void aMissingClaimListsNoGroupsAndGivesNoRole() {
        ProviderRoles roles = configured("pendule-admins", "", "", "pendule.oidc.roles-claim", "roles");
        Map<String, Object> claims = groups(List.of("pendule-admins"));
        assertEquals(Set.of(), roles.groupsIn(claims));
        assertEquals(Optional.empty(), roles.roleOf(claims), "groups is not the claim configured");
        assertEquals(Optional.of(Role.ADMIN), roles.roleOf(Map.of("roles", List.of("pendule-admins"))));
    }

    @Test
    void entriesThatAreNotStringsAreIgnored() {
        ProviderRoles roles = configured("pendule-admins", "pendule-operators", "");
        Map<String, Object> claims = groups(Arrays.asList(42, null, true, Map.of("name", "pendule-admins"),
                List.of("pendule-admins"), "pendule-operators"));
        assertEquals(Set.of("pendule-operators"), roles.groupsIn(claims));
        assertEquals(Optional.of(Role.OPERATOR), roles.roleOf(claims));
        assertEquals(Set.of(), roles.groupsIn(groups(42)));
        assertEquals(Optional.empty(), roles.roleOf(groups(Map.of("pendule-admins", true))));
    }
}
