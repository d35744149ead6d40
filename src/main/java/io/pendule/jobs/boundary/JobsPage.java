package io.pendule.jobs.boundary;

import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Trigger;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.control.JobSort;
import io.pendule.platform.Pages;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.entity.InvalidScheduleException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The jobs page (/jobs): search in names and display names, paged by the database, each job with its schedule in
 * words (in the reader's language), its next fire, counters and status, and a run-now button (a POST form, so
 * protected against cross-site requests like every form).
 */
@WebServlet(urlPatterns = {"/jobs", "/jobs/*"})
public class JobsPage extends HttpServlet {

    static final int PAGE = 50;

    @Inject
    Pages pages;
    @Inject
    JobCatalog catalog;
    @Inject
    JobService jobs;
    @Inject
    ExecutionQueue queue;
    @Inject
    ScheduleParser schedules;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String text = request.getParameter("q");
        int start = Math.max(0, parse(request.getParameter("start")));
        JobCatalog.Page page = catalog.find(new JobQuery(text, null, null, Map.of(), JobSort.NAME, false, start, start + PAGE));
        Map<String, String> described = new HashMap<>();
        page.jobs().forEach(job -> described.put(job.getName(), describe(job.getSchedule(), job.getTimezone(), job.getName(),
                pagesLocale(request, response))));
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("q", text == null ? "" : text);
        model.put("start", start);
        model.put("pageSize", PAGE);
        model.put("described", described);
        pages.render(request, response, "jobs", model);
    }

    /** Run now, from the button of a job's row; back to the list. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || !path.endsWith("/run")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String name = path.substring(1, path.length() - "/run".length());
        if (jobs.find(name).isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        long id = queue.queue(name, Trigger.MANUAL);
        response.sendRedirect(request.getContextPath() + "/jobs?ran=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&execution=" + id);
    }

    private Locale pagesLocale(HttpServletRequest request, HttpServletResponse response) {
        return Locale.forLanguageTag(Pages.language(request, response));
    }

    private String describe(String schedule, String timezone, String job, Locale locale) {
        if (schedule == null || schedule.isBlank()) {
            return "";
        }
        try {
            return schedules.describe(schedules.parse(schedule, timezone, job), locale);
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            return schedule;
        }
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
