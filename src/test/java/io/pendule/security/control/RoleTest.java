package io.pendule.security.control;

import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {

    @Test
    void rolesAreCumulative() {
        assertEquals(Set.of("viewer"), Role.VIEWER.groups());
        assertEquals(Set.of("viewer", "operator"), Role.OPERATOR.groups());
        assertEquals(Set.of("viewer", "operator", "admin"), Role.ADMIN.groups());
        assertTrue(Role.ADMIN.includes(Role.OPERATOR));
        assertFalse(Role.OPERATOR.includes(Role.ADMIN));
        assertEquals(Optional.of(Role.OPERATOR), Role.of("operator"));
        assertEquals(Optional.empty(), Role.of("Operator"));
        assertEquals(Role.ADMIN_NAME, Role.ADMIN.id());
    }
}
