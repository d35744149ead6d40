package io.pendule.security.boundary;

import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditFilter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The filters of the audit log, the same for /v1/audit and the /audit page: actor, target and action (exact), since
 * (inclusive) and until (exclusive): an RFC 3339 instant, or a day or a day and a time in UTC ("2026-03-01",
 * "2026-03-01T09:30"). Anything that does not parse is a 400 naming the parameter.
 */
final class AuditParameters {

    private AuditParameters() {
    }

    /** The filter the parameters (read by {@code parameter}) ask for. */
    static AuditFilter filter(Function<String, String> parameter) {
        List<FieldError> errors = new ArrayList<>();
        AuditAction action = action(text(parameter, "action"), errors);
        Instant since = instant("since", text(parameter, "since"), errors);
        Instant until = instant("until", text(parameter, "until"), errors);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add(new FieldError("until", "must come after since"));
        }
        NulCharacters.check("actor", text(parameter, "actor"), errors);
        NulCharacters.check("target", text(parameter, "target"), errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("Bad query", errors);
        }
        return new AuditFilter(text(parameter, "actor"), text(parameter, "target"), action, since, until);
    }

    private static String text(Function<String, String> parameter, String name) {
        String value = parameter.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static AuditAction action(String code, List<FieldError> errors) {
        if (code == null) {
            return null;
        }
        return AuditAction.ofCode(code).orElseGet(() -> {
            errors.add(new FieldError("action", "must be one of "
                    + String.join(", ", Arrays.stream(AuditAction.values()).map(AuditAction::code).toList())));
            return null;
        });
    }

    static Instant instant(String name, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            if (!text.contains("T")) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an RFC 3339 time (2026-03-01T09:30:00Z), or a day (2026-03-01) or a "
                    + "day and a time (2026-03-01T09:30) in UTC"));
            return null;
        }
    }
}
