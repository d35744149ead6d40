package io.pendule.jobs.control;

import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A new job left without an owner is owned by who creates it, when that is somebody. */
class NewJobOwnerTest {

    @Test
    void aUserOrATokensOwnerOwnsTheJobTheyCreateWithoutOne() {
        assertEquals("ops", JobService.ownerOfNew("", Identity.user("ops", Role.OPERATOR)));
        assertEquals("ops", JobService.ownerOfNew(null, Identity.user("ops", Role.OPERATOR)));
        assertEquals("ops", JobService.ownerOfNew("  ", Identity.user("ops", Role.OPERATOR)));
        assertEquals("ci-owner", JobService.ownerOfNew("", Identity.token("ci-owner", Role.OPERATOR, "Ab3dEf9h")));
    }

    @Test
    void anOwnerGivenIsKept() {
        assertEquals("platform", JobService.ownerOfNew("platform", Identity.user("ops", Role.OPERATOR)));
        assertEquals("platform", JobService.ownerOfNew("platform", Identity.token("ci-owner", Role.ADMIN, "Ab3dEf9h")));
    }

    @Test
    void theAnonymousRoleAndPenduleItselfOwnNothing() {
        assertEquals("", JobService.ownerOfNew("", Identity.anonymous(Role.OPERATOR)));
        assertEquals("", JobService.ownerOfNew("", Identity.SYSTEM));
        assertEquals("platform", JobService.ownerOfNew("platform", Identity.anonymous(Role.OPERATOR)));
    }
}
