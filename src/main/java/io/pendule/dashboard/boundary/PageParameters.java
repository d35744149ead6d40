package io.pendule.dashboard.boundary;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What pages read from their query and how they link back: a page's number, a blank field, a job's address. */
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

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The job's page, /jobs/{name}. */
    public static String jobUrl(HttpServletRequest request, String name) {
        return request.getContextPath() + "/jobs/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
