package io.pendule.executions.boundary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.api.entity.ValidationException;
import io.pendule.executions.control.DayCounts;
import io.pendule.executions.entity.DayCount;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Dkron 4.1's /v1/stats: the runs finished per day (UTC) over the last {@code days} days, oldest first, today
 * included, a day without runs as zeros. Read from the day counts the recorder keeps, never from the history.
 */
@Path("stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    static final int DEFAULT_DAYS = 30;

    @Inject
    DayCounts dayCounts;
    @Inject
    InstantSource time;

    /** One day: its start (RFC 3339, UTC) and its runs that succeeded and that failed. */
    @JsonPropertyOrder({"date", "success_count", "failed_count"})
    public record DayJson(Instant date, long success_count, long failed_count) {
        static DayJson of(DayCount day) {
            return new DayJson(day.day().atStartOfDay(ZoneOffset.UTC).toInstant(), day.successes(), day.failures());
        }
    }

    /** Dkron's answer: {"stats": [...]}. */
    public record StatsJson(List<DayJson> stats) {
    }

    @RolesAllowed(Role.VIEWER_NAME)
    @GET
    @Operation(summary = "Runs finished per day (UTC) over the last days (default 30, at most 365), oldest first, today "
            + "included and days without runs as 0: {\"stats\":[{\"date\",\"success_count\",\"failed_count\"}]}. Failed "
            + "counts failed, timed_out, orphaned and stopped (cancelled while running) runs; skipped, missed and runs "
            + "cancelled before they started are not runs")
    public StatsJson stats(@Parameter(description = "how many days, 1 to 365 (default 30)") @QueryParam("days") String days) {
        LocalDate today = LocalDate.ofInstant(time.instant(), ZoneOffset.UTC);
        return new StatsJson(dayCounts.last(days(days), today).stream().map(DayJson::of).toList());
    }

    static int days(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_DAYS;
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days >= 1 && days <= DayCounts.MOST_DAYS) {
                return days;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as out of range
        }
        throw new ValidationException("Invalid stats query", "days", "must be a whole number of days from 1 to "
                + DayCounts.MOST_DAYS + " (default " + DEFAULT_DAYS + ")");
    }
}
