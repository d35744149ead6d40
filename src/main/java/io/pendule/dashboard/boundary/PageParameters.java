package io.pendule.dashboard.boundary;

import io.pendule.api.entity.ValidationException;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What pages read from their query and forms and how they link back: a field, a page's number, a blank field, a job's
 * address; and the validation a refused action failed, to show on the form again.
 */
public final class PageParameters {

    private PageParameters() {
    }

    /** A paging offset or count from the query: 0 when absent or not a number (a bookmark never fails on it). */
    public static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A form field or query parameter as sent, "" when absent. */
    public static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** The validation that refused an action, found among the causes of what it threw; null when it was none. */
    public static ValidationException invalid(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValidationException invalid) {
                return invalid;
            }
        }
        return null;
    }

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The job's page, /jobs/{name}. */
    public static String jobUrl(HttpServletRequest request, String name) {
        return request.getContextPath() + "/jobs/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
