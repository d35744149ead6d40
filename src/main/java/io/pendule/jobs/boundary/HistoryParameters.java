package io.pendule.jobs.boundary;

import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.HistoryFilter;
import io.pendule.executions.entity.Trigger;
import io.pendule.api.entity.FieldError;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.api.entity.ValidationException;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The history filters of a job page, read from its query: status, trigger, and a date range in the job's time zone
 * ("from" a day, or a day and a time, inclusive; "to" a day, inclusive, or a day and a time, exclusive). Anything
 * that does not parse is a 400 naming the field.
 */
final class HistoryParameters {

    private HistoryParameters() {
    }

    static HistoryFilter filter(HttpServletRequest request, ZoneId zone) {
        List<FieldError> errors = new ArrayList<>();
        ExecutionStatus status = parsed(request, "status", ExecutionStatus::ofCode, "is not a status", errors);
        Trigger trigger = parsed(request, "trigger", Trigger::ofCode, "is not a trigger", errors);
        Instant from = parsed(request, "from", text -> instant(text, zone, false), "must be a date, yyyy-mm-dd (or yyyy-mm-ddThh:mm)", errors);
        Instant to = parsed(request, "to", text -> instant(text, zone, true), "must be a date, yyyy-mm-dd (or yyyy-mm-ddThh:mm)", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must come after \"from\""));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Bad history filter", errors);
        }
        return new HistoryFilter(status, trigger, from, to);
    }

    /** A cursor of the history: a run's id, or null when absent or not a number (a bookmark never fails on it). */
    static Long cursor(HttpServletRequest request, String name) {
        String text = request.getParameter(name);
        try {
            long id = text == null ? 0 : Long.parseLong(text.trim());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static <T> T parsed(HttpServletRequest request, String name, Function<String, T> parser, String problem,
                                List<FieldError> errors) {
        String text = request.getParameter(name);
        if (PageParameters.blank(text)) {
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(new FieldError(name, problem));
            return null;
        }
    }

    /** A day's start, or the next day's start for the end of a range; a day and a time as they are. */
    private static Instant instant(String text, ZoneId zone, boolean endOfRange) {
        if (text.contains("T")) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
        LocalDate day = LocalDate.parse(text);
        return (endOfRange ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
    }
}
