package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.control.JobSort;
import io.pendule.platform.PageParameters;
import io.pendule.platform.Pages;
import io.pendule.schedules.control.ScheduleOutlook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * /jobs: search in names and display names, paged by the database, each job with its schedule in words (in the
 * reader's language), its next fire, counters and status, and a run-now button.
 */
@ApplicationScoped
public class JobListPage {

    static final int PAGE = 50;

    @Inject
    Pages pages;
    @Inject
    JobCatalog catalog;
    @Inject
    ScheduleOutlook outlook;

    void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = request.getParameter("q");
        int start = Math.max(0, PageParameters.number(request.getParameter("start")));
        JobCatalog.Page page = catalog.find(new JobQuery(text, null, null, Map.of(), JobSort.NAME, false, start, start + PAGE));
        Locale locale = Locale.forLanguageTag(Pages.language(request, response));
        Map<String, String> described = new HashMap<>();
        page.jobs().forEach(job -> described.put(job.getName(),
                outlook.describe(job.getSchedule(), job.getTimezone(), job.getName(), locale)));
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("q", text == null ? "" : text);
        model.put("start", start);
        model.put("pageSize", PAGE);
        model.put("described", described);
        pages.render(request, response, "jobs", model);
    }
}
