package io.pendule.jobs.boundary;

import io.pendule.security.control.Callers;
import io.pendule.cluster.control.Members;
import io.pendule.executions.boundary.DurationChart;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.HistoryFilter;
import io.pendule.executions.entity.HistoryPage;
import io.pendule.executions.entity.Trigger;
import io.pendule.executors.control.SecretValues;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.schedules.control.ScheduleOutlook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * /jobs/{name}: the job's configuration, its next five fires in its time zone, its history (filtered by status,
 * trigger and dates, keyset-paged) with a chart of the durations and the success rate, and its actions: run now,
 * enable or disable, clear the history, delete.
 */
@ApplicationScoped
public class JobPage {

    static final int PAGE = 50;
    static final int NEXT_FIRES = 5;

    @Inject
    Pages pages;
    @Inject
    JobService jobs;
    @Inject
    ExecutionQueue queue;
    @Inject
    ExecutionHistory history;
    @Inject
    ScheduleOutlook outlook;
    @Inject
    Members members;

    void show(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Job> found = jobs.find(name);
        if (found.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        Job job = found.get();
        ZoneId zone = outlook.zoneOf(job.getTimezone());
        HistoryFilter filter = HistoryParameters.filter(request, zone);
        HistoryPage page = history.page(name, filter, HistoryParameters.cursor(request, "before"),
                HistoryParameters.cursor(request, "after"), PAGE);
        Map<String, Object> model = new HashMap<>();
        model.put("job", job);
        model.put("described", outlook.describe(job.getSchedule(), job.getTimezone(), name,
                Locale.forLanguageTag(Pages.language(request, response))));
        model.put("zone", zone);
        model.put("nextFires", nextFires(job));
        model.put("config", new TreeMap<>(SecretValues.masked(job.getExecutorConfig())));
        Map<String, String> tags = new TreeMap<>(job.getTags() == null ? Map.of() : job.getTags());
        model.put("tags", tags);
        model.put("unserved", !members.anyServes(tags));
        model.put("tagText", tags.entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(", ")));
        model.put("metadata", job.getMetadata() == null ? Map.of() : job.getMetadata());
        putHistory(model, job, filter, page, zone);
        putHistoryLinks(model, PageParameters.jobUrl(request, name), page);
        pages.render(request, response, "job", model);
    }

    /**
     * The history part of the page: the runs of the page with their chart, the filters as asked (dates in the job's
     * zone), the cursors to the pages around, and the counts and success rate of the whole history, read from the
     * job's counters (job_stats) rather than counted over what may be millions of rows.
     */
    private static void putHistory(Map<String, Object> model, Job job, HistoryFilter filter, HistoryPage page, ZoneId zone) {
        List<Execution> runs = page.runs();
        model.put("runs", runs);
        // the history shows each execution's endpoint when the job's runs fan out (a pack job)
        model.put("targeted", runs.stream().anyMatch(run -> !run.getTarget().isEmpty()));
        model.put("durations", durations(runs));
        model.put("chart", DurationChart.of(runs, PAGE));
        long finished = job.getSuccessCount() + job.getErrorCount();
        model.put("finishedRuns", finished);
        model.put("successRate", finished == 0 ? null : Math.round(job.getSuccessCount() * 100.0 / finished));
        model.put("status", filter.status() == null ? "" : filter.status().code());
        model.put("trigger", filter.trigger() == null ? "" : filter.trigger().code());
        model.put("historyZone", zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
        model.put("from", dayOrTime(filter.from(), zone, false));
        model.put("to", dayOrTime(filter.to(), zone, true));
        model.put("statuses", Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::code).toList());
        model.put("triggers", Arrays.stream(Trigger.values()).map(Trigger::code).toList());
    }

    /** The newer and older pages: the job's address with the filters shown and a cursor, the empty filters left out. */
    private static void putHistoryLinks(Map<String, Object> model, String jobUrl, HistoryPage page) {
        StringBuilder filters = new StringBuilder();
        for (String name : List.of("status", "trigger", "from", "to")) {
            String value = (String) model.get(name);
            if (!value.isEmpty()) {
                filters.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        }
        model.put("newerUrl", page.after() == null ? null : jobUrl + "?" + filters + "after=" + page.after());
        model.put("olderUrl", page.before() == null ? null : jobUrl + "?" + filters + "before=" + page.before());
    }

    /** A filter's bound as the reader wrote it: a day when it is a day's start (the day before for an end), else a time. */
    private static String dayOrTime(Instant at, ZoneId zone, boolean endOfRange) {
        if (at == null) {
            return "";
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return (endOfRange ? local.toLocalDate().minusDays(1) : local.toLocalDate()).toString();
        }
        return local.toString();
    }

    /** The job's actions: run now, toggle, clear the history, delete. */
    void act(HttpServletRequest request, HttpServletResponse response, String name, String action) throws IOException {
        if (jobs.find(name).isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        String jobUrl = PageParameters.jobUrl(request, name);
        switch (action) {
            case "run" -> {
                long id = queue.queue(name, Trigger.MANUAL, null, Callers.of(request));
                response.sendRedirect("job".equals(request.getParameter("from")) ? jobUrl + "?ran=" + id
                        : request.getContextPath() + "/jobs?ran=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&execution=" + id);
            }
            case "toggle" -> {
                jobs.toggle(name, Callers.of(request));
                response.sendRedirect(jobUrl);
            }
            case "clear" -> {
                jobs.clearHistory(name, Callers.of(request));
                response.sendRedirect(jobUrl);
            }
            default -> {
                jobs.delete(name, Callers.of(request));
                response.sendRedirect(request.getContextPath() + "/jobs?deleted=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
            }
        }
    }

    /** The next fires in the job's time zone; none for a disabled job or a child. */
    private List<String> nextFires(Job job) {
        if (job.isDisabled() || job.isChild()) {
            return List.of();
        }
        return outlook.nextFires(job.getSchedule(), job.getTimezone(), job.getName(), job.getStartsAt(), job.getExpiresAt(), NEXT_FIRES)
                .stream().map(ScheduleOutlook::format).toList();
    }

    private static Map<Long, String> durations(List<Execution> runs) {
        Map<Long, String> durations = new HashMap<>();
        runs.stream().filter(e -> e.getStartedAt() != null && e.getFinishedAt() != null)
                .forEach(e -> durations.put(e.getId(), DurationChart.format(DurationChart.millis(e))));
        return durations;
    }
}
