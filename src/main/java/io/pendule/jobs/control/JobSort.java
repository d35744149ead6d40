package io.pendule.jobs.control;

import io.pendule.api.entity.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What GET /v1/jobs sorts by: Dkron's indexes (id is the name), plus status and executor. Text compares without
 * case, as in Dkron; the name always breaks ties, so pages are stable.
 */
public enum JobSort {
    /**
     * The default: every job after the jobs it names (parent_job, depends_on, requires: by depth, kept at save),
     * then by name, so that a backup made with GET /v1/jobs restores line by line (the seed's restore script)
     * whatever the names. Dkron sorts by name only.
     */
    UPSTREAMS_FIRST("j.depth"),
    ID("j.name"),
    NAME("j.name"),
    DISPLAYNAME("LOWER(j.displayname)"),
    SCHEDULE("LOWER(j.schedule)"),
    SUCCESS_COUNT("s.success_count"),
    ERROR_COUNT("s.error_count"),
    LAST_SUCCESS("s.last_success"),
    LAST_ERROR("s.last_error"),
    NEXT("j.next_fire_at"),
    STATUS("s.status"),
    EXECUTOR("j.executor");

    final String column;

    JobSort(String column) {
        this.column = column;
    }

    public static JobSort of(String field) {
        if (field == null || field.isEmpty()) {
            return UPSTREAMS_FIRST;
        }
        return Arrays.stream(values()).filter(s -> s != UPSTREAMS_FIRST && s.name().toLowerCase(Locale.ROOT).equals(field)).findFirst()
                .orElseThrow(() -> new ValidationException("Bad query", "_sort", "cannot sort jobs by \"" + field
                        + "\" (one of " + Arrays.stream(values()).filter(s -> s != UPSTREAMS_FIRST).map(s -> s.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + ")"));
    }
}
