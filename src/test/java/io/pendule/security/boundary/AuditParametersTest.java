package io.pendule.security.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The audit log's filters, as /v1/audit and the /audit page read them. */
class AuditParametersTest {

    @Test
    void eachFilterIsReadAndBlankOnesAreNone() {
        AuditFilter filter = AuditParameters.filter(Map.of("actor", " admin ", "target", "backup", "action", "job.update",
                "since", "2026-03-01", "until", "2026-03-02T09:30")::get);

        assertEquals(new AuditFilter("admin", "backup", AuditAction.JOB_UPDATE, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-02T09:30:00Z")), filter);
        assertEquals(AuditFilter.ALL, AuditParameters.filter(Map.of("actor", "", "target", "  ")::get));
    }

    @Test
    void timesAreRfc3339OrADayOrADayAndATimeInUtc() {
        assertEquals(Instant.parse("2026-03-01T08:30:00Z"),
                AuditParameters.filter(Map.of("since", "2026-03-01T09:30:00+01:00")::get).since());
        assertEquals(Instant.parse("2026-03-01T09:30:05.250Z"),
                AuditParameters.filter(Map.of("since", "2026-03-01T09:30:05.250Z")::get).since());
    }

    @Test
    void whatDoesNotParseIsRefusedNamingTheParameter() {
        ValidationException refused = assertThrows(ValidationException.class, () -> AuditParameters.filter(
                Map.of("action", "job.explode", "since", "yesterday", "until", "2026-13-01")::get));

        assertEquals(java.util.List.of("action", "since", "until"), refused.errors().stream().map(FieldError::field).toList());
        ValidationException backwards = assertThrows(ValidationException.class, () -> AuditParameters.filter(
                Map.of("since", "2026-03-02", "until", "2026-03-01")::get));
        assertEquals("until", backwards.errors().get(0).field());
    }

    @Test
    void aNulCharacterInTheActorOrTheTargetIsRefusedNamingTheParameter() {
        ValidationException refused = assertThrows(ValidationException.class, () -> AuditParameters.filter(
                Map.of("actor", "adm\u0000in", "target", "jo\u0000b")::get));
        assertEquals(java.util.List.of("actor", "target"), refused.errors().stream().map(FieldError::field).toList());
    }
}
