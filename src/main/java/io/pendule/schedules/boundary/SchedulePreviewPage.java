package io.pendule.schedules.boundary;

import io.pendule.dashboard.boundary.Pages;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * GET /schedules/preview?schedule=..&timezone=..&name=..: the HTML fragment the job editor swaps in (with htmx) while
 * a schedule is typed: its words in the reader's language and its next fires, or why it cannot be read.
 */
@WebServlet("/schedules/preview")
public class SchedulePreviewPage extends HttpServlet {

    @Inject
    Pages pages;
    @Inject
    SchedulePreviews previews;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Locale.forLanguageTag(Pages.language(request, response));
        pages.render(request, response, "schedule-preview", Map.of("preview", previews.of(request.getParameter("schedule"),
                request.getParameter("timezone"), request.getParameter("name"), locale)));
    }
}
