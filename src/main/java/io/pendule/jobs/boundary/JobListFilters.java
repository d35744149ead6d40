package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.control.JobSort;
import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.api.entity.ValidationException;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the jobs list shows, all in its address so that it can be bookmarked and survives paging, sorting and the
 * bulk actions: q (text), status, disabled (true/false), executor, tag and metadata (key=value, repeatable: all must
 * match), sort and order, start. A value the list does not know is refused, naming the parameter (a 400 page).
 */
public record JobListFilters(String text, String status, String disabled, String executor, List<String> tags,
                      List<String> metadata, String sort, boolean descending, int start) {

    /** One parameter of the list's address (a hidden field of its forms). */
    public record Parameter(String name, String value) {
    }

    /** The columns the list sorts by, with the order of the catalog each stands for. */
    static final Map<String, JobSort> SORTS = Map.of("name", JobSort.NAME, "next", JobSort.NEXT, "status", JobSort.STATUS,
            "success_count", JobSort.SUCCESS_COUNT, "error_count", JobSort.ERROR_COUNT);
    private static final String DEFAULT_SORT = "name";
    /** Far past any list, and far enough from Integer.MAX_VALUE that the end of its page is still a number. */
    private static final int LAST_START = 1_000_000_000;

    /** Reads the list's parameters; the executors are the names a job may have (anything else is refused). */
    static JobListFilters read(HttpServletRequest request, Set<String> executors) {
        List<FieldError> errors = new ArrayList<>();
        String status = blankToEmpty(request.getParameter("status"));
        if (!status.isEmpty() && !statuses().contains(status)) {
            errors.add(new FieldError("status", "must be one of " + String.join(", ", statuses())));
        }
        String disabled = blankToEmpty(request.getParameter("disabled"));
        JobListParameters.bool("disabled", disabled, errors);
        String executor = blankToEmpty(request.getParameter("executor"));
        if (!executor.isEmpty() && !executors.contains(executor)) {
            errors.add(new FieldError("executor", "unknown executor \"" + executor + "\" (one of " + executors + ")"));
        }
        String text = blankToEmpty(request.getParameter("q"));
        NulCharacters.check("q", text, errors);
        List<String> tags = pairs("tag", request.getParameterValues("tag"), errors);
        List<String> metadata = pairs("metadata", request.getParameterValues("metadata"), errors);
        String sort = PageParameters.blank(request.getParameter("sort")) ? DEFAULT_SORT : request.getParameter("sort");
        if (!SORTS.containsKey(sort)) {
            errors.add(new FieldError("sort", "cannot sort the jobs by \"" + sort + "\" (one of "
                    + SORTS.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")"));
        }
        String order = blankToEmpty(request.getParameter("order"));
        if (!order.isEmpty() && !order.equals("asc") && !order.equals("desc")) {
            errors.add(new FieldError("order", "must be asc or desc"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Bad filter", errors);
        }
        return new JobListFilters(text, status, disabled, executor, tags, metadata,
                sort, order.equals("desc"), Math.max(0, Math.min(LAST_START, PageParameters.number(request.getParameter("start")))));
    }

    /** "key=value" pairs; blank ones (an empty field of the form) are left out. */
    private static List<String> pairs(String field, String[] values, List<FieldError> errors) {
        List<String> pairs = new ArrayList<>();
        for (String value : values == null ? new String[0] : values) {
            if (PageParameters.blank(value)) {
                continue;
            }
            int equals = value.indexOf('=');
            if (equals <= 0) {
                errors.add(new FieldError(field, "\"" + value + "\" is not key=value"));
            } else if (NulCharacters.in(value)) {
                errors.add(new FieldError(field, NulCharacters.MESSAGE));
            } else {
                pairs.add(value.trim());
            }
        }
        return pairs;
    }

    private static String blankToEmpty(String value) {
        return value == null || value.isBlank() ? "" : value.trim();
    }

    /** The catalog's query for the page of {@code size} jobs from {@link #start}. */
    JobQuery query(int size) {
        return new JobQuery(text.isEmpty() ? null : text,
                status.isEmpty() ? null : status.equals("untriggered") ? "" : status,
                disabled.isEmpty() ? null : Boolean.valueOf(disabled), asMap(metadata), SORTS.get(sort), descending,
                start, start + size, executor.isEmpty() ? null : executor, asMap(tags));
    }

    private static Map<String, String> asMap(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        pairs.forEach(pair -> map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
        return map;
    }

    /** Whether anything narrows the list (so that an empty list means "no match" rather than "no job"). */
    public boolean narrowed() {
        return !text.isEmpty() || !status.isEmpty() || !disabled.isEmpty() || !executor.isEmpty() || !tags.isEmpty()
                || !metadata.isEmpty();
    }

    /** The list's parameters as name and value pairs, without the defaults: for links and hidden form fields. */
    public List<Parameter> parameters() {
        List<Parameter> parameters = new ArrayList<>();
        add(parameters, "q", text);
        add(parameters, "status", status);
        add(parameters, "disabled", disabled);
        add(parameters, "executor", executor);
        tags.forEach(tag -> add(parameters, "tag", tag));
        metadata.forEach(pair -> add(parameters, "metadata", pair));
        add(parameters, "sort", sort.equals(DEFAULT_SORT) ? "" : sort);
        add(parameters, "order", descending ? "desc" : "");
        add(parameters, "start", start == 0 ? "" : Integer.toString(start));
        return parameters;
    }

    private static void add(List<Parameter> parameters, String name, String value) {
        if (!value.isEmpty()) {
            parameters.add(new Parameter(name, value));
        }
    }

    /** The list's address, /jobs and its parameters, below {@code base} (the list's own path). */
    public String href(String base) {
        String query = parameters().stream()
                .map(p -> p.name() + "=" + URLEncoder.encode(p.value(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? base : base + "?" + query;
    }

    /** The same list from another first job. */
    public JobListFilters from(int first) {
        return new JobListFilters(text, status, disabled, executor, tags, metadata, sort, descending, Math.max(0, first));
    }

    /** The list sorted by {@code column}, from its first job: the other way round when it is sorted so already. */
    public JobListFilters sortedBy(String column) {
        boolean reverse = column.equals(sort) && !descending;
        return new JobListFilters(text, status, disabled, executor, tags, metadata, column, reverse, 0);
    }

    /** The aria-sort of a column's header: ascending or descending for the column sorted by, else none. */
    public String ariaSort(String column) {
        return !column.equals(sort) ? "none" : descending ? "descending" : "ascending";
    }

    /** The statuses offered in the filter: the API's (JobListParameters), and the jobs running now. */
    static List<String> statuses() {
        List<String> statuses = new ArrayList<>(JobListParameters.STATUSES);
        statuses.add(JobQuery.RUNNING);
        return statuses;
    }

}
