package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.control.JobSort;
import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import io.pendule.api.control.Paging;
import io.pendule.api.entity.ValidationException;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dkron's list parameters (q, status, disabled, metadata[key]=value, _sort, _order, _start, _end) read into a
 * query. Where Dkron answers 500 or guesses (a bad _sort, _start past _end, "desc" read as ascending), every
 * problem is a 400 naming the parameter.
 */
final class JobListParameters {

    static final List<String> STATUSES = List.of("success", "failed", "partially_failed", "untriggered");

    private JobListParameters() {
    }

    static JobQuery read(MultivaluedMap<String, String> parameters) {
        List<FieldError> errors = new ArrayList<>();
        String status = status(parameters.getFirst("status"), errors);
        Boolean disabled = bool("disabled", parameters.getFirst("disabled"), errors);
        boolean descending = Paging.descending(parameters.getFirst("_order"), false, errors);
        Integer start = Paging.whole("_start", parameters.getFirst("_start"), errors);
        Integer end = Paging.whole("_end", parameters.getFirst("_end"), errors);
        Paging.checkOrder(start, end, errors);
        NulCharacters.check("q", parameters.getFirst("q"), errors);
        Map<String, String> metadata = metadata(parameters, errors);
        JobSort sort = null;
        try {
            sort = JobSort.of(parameters.getFirst("_sort"));
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Bad query", errors);
        }
        return new JobQuery(parameters.getFirst("q"), status, disabled, metadata, sort, descending,
                start == null ? 0 : start, end);
    }

    /** "metadata[office]=Barcelona&metadata[team]=core": all pairs must match. */
    private static Map<String, String> metadata(MultivaluedMap<String, String> parameters, List<FieldError> errors) {
        Map<String, String> pairs = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (name.startsWith("metadata[") && name.endsWith("]") && !values.isEmpty()) {
                pairs.put(name.substring("metadata[".length(), name.length() - 1), values.get(0));
                NulCharacters.check(name, name + values.get(0), errors);
            }
        });
        return pairs;
    }

    static String status(String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!STATUSES.contains(value)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", STATUSES)));
            return null;
        }
        return value.equals("untriggered") ? "" : value;
    }

    static Boolean bool(String name, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            errors.add(new FieldError(name, "must be true or false"));
            return null;
        }
        return Boolean.valueOf(value);
    }
}
