package io.pendule.jobs.boundary;

import io.pendule.executions.control.RecentRuns;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.entity.Job;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.schedules.control.ScheduleOutlook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * /jobs: the jobs filtered (text, last status, enabled, executor, tags, metadata), sorted and paged by the database,
 * each with its schedule in words (in the reader's language), its next fire and a countdown to it, its last runs as
 * dots, its counters and status; a run-now button each, and bulk actions on the jobs ticked (see JobBulkActions).
 */
@ApplicationScoped
public class JobListPage {

    static final int PAGE = 50;
    /** The dots of a job: its last executions. */
    static final int DOTS = 10;

    @Inject
    Pages pages;
    @Inject
    JobCatalog catalog;
    @Inject
    RecentRuns recentRuns;
    @Inject
    ExecutorRegistry executors;
    @Inject
    ScheduleOutlook outlook;

    void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JobListFilters filters = JobListFilters.read(request, executors.names());
        JobCatalog.Page page = catalog.find(filters.query(PAGE));
        Locale locale = Locale.forLanguageTag(Pages.language(request, response));
        Map<String, String> described = new HashMap<>();
        page.jobs().forEach(job -> described.put(job.getName(),
                outlook.describe(job.getSchedule(), job.getTimezone(), job.getName(), locale)));
        String base = request.getContextPath() + "/jobs";
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("filters", filters);
        model.put("base", base);
        model.put("q", filters.text());
        model.put("start", filters.start());
        model.put("pageSize", PAGE);
        model.put("described", described);
        model.put("runs", recentRuns.of(page.jobs().stream().map(Job::getName).toList(), DOTS));
        model.put("executors", executors.names());
        model.put("statuses", JobListFilters.statuses());
        model.put("previous", filters.start() > 0 ? filters.from(filters.start() - PAGE).href(base) : null);
        model.put("next", filters.start() + PAGE < page.total() ? filters.from(filters.start() + PAGE).href(base) : null);
        model.put("allTicked", "page".equals(request.getParameter("tick")));
        model.put("tickAll", filters.href(base) + (filters.parameters().isEmpty() ? "?" : "&") + "tick=page");
        model.put("summary", takeSummary(request));
        pages.render(request, response, "jobs", model);
    }

    /** The summary of the bulk action just done (Post/Redirect/Get), shown once. */
    private static JobBulkActions.Summary takeSummary(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object summary = session.getAttribute(JobBulkActions.SUMMARY);
        session.removeAttribute(JobBulkActions.SUMMARY);
        return summary instanceof JobBulkActions.Summary done ? done : null;
    }
}
