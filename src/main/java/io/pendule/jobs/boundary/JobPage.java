package io.pendule.jobs.boundary;

import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.Trigger;
import io.pendule.executors.control.SecretValues;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.PageParameters;
import io.pendule.platform.Pages;
import io.pendule.schedules.control.ScheduleOutlook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * /jobs/{name}: the job's configuration, its next five fires in its time zone, its history (filtered by status and
 * trigger, paged) with a chart of the durations and the success rate, and its actions: run now, enable or disable,
 * clear the history, delete.
 */
@ApplicationScoped
public class JobPage {

    static final int PAGE = 50;
    static final int NEXT_FIRES = 5;
    private static final DateTimeFormatter IN_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'", Locale.ROOT);

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

    void show(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Job> found = jobs.find(name);
        if (found.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        Job job = found.get();
        ExecutionStatus status;
        Trigger trigger;
        try {
            status = PageParameters.blank(request.getParameter("status")) ? null : ExecutionStatus.ofCode(request.getParameter("status"));
            trigger = PageParameters.blank(request.getParameter("trigger")) ? null : Trigger.ofCode(request.getParameter("trigger"));
        } catch (IllegalArgumentException e) {
            pages.error(request, response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        int start = Math.max(0, PageParameters.number(request.getParameter("start")));
        List<Execution> runs = history.ofJob(name, status, trigger, start, PAGE + 1);
        boolean older = runs.size() > PAGE;
        runs = older ? runs.subList(0, PAGE) : runs;
        Map<String, Object> model = new HashMap<>();
        model.put("job", job);
        model.put("described", outlook.describe(job.getSchedule(), job.getTimezone(), name,
                Locale.forLanguageTag(Pages.language(request, response))));
        model.put("zone", outlook.zoneOf(job.getTimezone()));
        model.put("nextFires", nextFires(job));
        model.put("config", new TreeMap<>(SecretValues.masked(job.getExecutorConfig())));
        model.put("tags", new TreeMap<>(job.getTags() == null ? Map.of() : job.getTags()));
        model.put("metadata", job.getMetadata() == null ? Map.of() : job.getMetadata());
        model.put("runs", runs);
        model.put("durations", durations(runs));
        model.put("chart", DurationChart.of(runs));
        model.put("total", history.countOfJob(name));
        model.put("status", status == null ? "" : status.code());
        model.put("trigger", trigger == null ? "" : trigger.code());
        model.put("statuses", Arrays.stream(ExecutionStatus.values()).map(ExecutionStatus::code).toList());
        model.put("triggers", Arrays.stream(Trigger.values()).map(Trigger::code).toList());
        model.put("start", start);
        model.put("pageSize", PAGE);
        model.put("older", older);
        pages.render(request, response, "job", model);
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
                long id = queue.queue(name, Trigger.MANUAL);
                response.sendRedirect("job".equals(request.getParameter("from")) ? jobUrl + "?ran=" + id
                        : request.getContextPath() + "/jobs?ran=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&execution=" + id);
            }
            case "toggle" -> {
                jobs.toggle(name);
                response.sendRedirect(jobUrl);
            }
            case "clear" -> {
                jobs.clearHistory(name);
                response.sendRedirect(jobUrl);
            }
            default -> {
                jobs.delete(name);
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
                .stream().map(IN_ZONE::format).toList();
    }

    private static Map<Long, String> durations(List<Execution> runs) {
        Map<Long, String> durations = new HashMap<>();
        runs.stream().filter(e -> e.getStartedAt() != null && e.getFinishedAt() != null)
                .forEach(e -> durations.put(e.getId(), DurationChart.format(DurationChart.millis(e))));
        return durations;
    }
}
