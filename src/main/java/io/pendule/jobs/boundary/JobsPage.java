package io.pendule.jobs.boundary;

import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.Trigger;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.control.JobSort;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.ConflictException;
import io.pendule.platform.NotFoundException;
import io.pendule.platform.Pages;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.control.Schedules;
import io.pendule.schedules.entity.InvalidScheduleException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs pages. /jobs: search in names and display names, paged by the database, each job with its schedule in
 * words (in the reader's language), its next fire, counters and status, and a run-now button. /jobs/{name}: the job's
 * configuration, its next five fires in its time zone, its history (filtered by status and trigger, paged) with a
 * chart of the durations and the success rate, and its actions. /jobs/{name}/executions/{id}: one run, its output
 * and, while it is queued or running, a cancel button. Every action is a POST form, protected against cross-site
 * requests like every form.
 */
@WebServlet(urlPatterns = {"/jobs", "/jobs/*"})
public class JobsPage extends HttpServlet {

    static final int PAGE = 50;
    static final int NEXT_FIRES = 5;
    private static final Pattern JOB = Pattern.compile("/([^/]+)");
    private static final Pattern EXECUTION = Pattern.compile("/([^/]+)/executions/(\\d{1,18})");
    private static final Pattern ACTION = Pattern.compile("/([^/]+)/(run|toggle|clear|delete)");
    private static final Pattern CANCEL = Pattern.compile("/([^/]+)/executions/(\\d{1,18})/cancel");
    private static final DateTimeFormatter IN_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'", Locale.ROOT);

    @Inject
    Pages pages;
    @Inject
    JobCatalog catalog;
    @Inject
    JobService jobs;
    @Inject
    ExecutionQueue queue;
    @Inject
    ExecutionHistory history;
    @Inject
    CancelRequests cancels;
    @Inject
    ScheduleParser schedules;
    @Inject
    Schedules fires;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            list(request, response);
            return;
        }
        Matcher job = JOB.matcher(path);
        if (job.matches()) {
            job(request, response, job.group(1));
            return;
        }
        Matcher execution = EXECUTION.matcher(path);
        if (execution.matches()) {
            execution(request, response, execution.group(1), Long.parseLong(execution.group(2)));
            return;
        }
        notFound(request, response);
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
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

    private void job(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Job> found = jobs.find(name);
        if (found.isEmpty()) {
            notFound(request, response);
            return;
        }
        Job job = found.get();
        ExecutionStatus status;
        Trigger trigger;
        try {
            status = blank(request.getParameter("status")) ? null : ExecutionStatus.ofCode(request.getParameter("status"));
            trigger = blank(request.getParameter("trigger")) ? null : Trigger.ofCode(request.getParameter("trigger"));
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown status or trigger");
            return;
        }
        int start = Math.max(0, parse(request.getParameter("start")));
        List<Execution> runs = history.ofJob(name, status, trigger, start, PAGE + 1);
        boolean older = runs.size() > PAGE;
        runs = older ? runs.subList(0, PAGE) : runs;
        Map<String, Object> model = new HashMap<>();
        model.put("job", job);
        model.put("described", describe(job.getSchedule(), job.getTimezone(), name, pagesLocale(request, response)));
        model.put("zone", zone(job));
        model.put("nextFires", nextFires(job));
        model.put("config", new TreeMap<>(job.getExecutorConfig() == null ? Map.of() : job.getExecutorConfig()));
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

    private void execution(HttpServletRequest request, HttpServletResponse response, String name, long id) throws IOException {
        Optional<Job> job = jobs.find(name);
        Optional<Execution> found = history.byId(id).filter(e -> e.getJobName().equals(name));
        if (job.isEmpty() || found.isEmpty()) {
            notFound(request, response);
            return;
        }
        Execution execution = found.get();
        Map<String, Object> model = new HashMap<>();
        model.put("job", job.get());
        model.put("e", execution);
        model.put("http", "http".equals(job.get().getExecutor()));
        model.put("duration", execution.getStartedAt() == null ? ""
                : DurationChart.format(Math.max(0, Duration.between(execution.getStartedAt(),
                execution.getFinishedAt() == null ? Instant.now() : execution.getFinishedAt()).toMillis())));
        model.put("cancellable", !execution.status().finished());
        pages.render(request, response, "execution", model);
    }

    /** The actions: run now, toggle, clear the history, delete; cancel an execution. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Matcher cancel = CANCEL.matcher(path);
        if (cancel.matches()) {
            String name = cancel.group(1);
            Optional<Execution> execution = history.byId(Long.parseLong(cancel.group(2))).filter(e -> e.getJobName().equals(name));
            if (execution.isEmpty()) {
                notFound(request, response);
                return;
            }
            cancels.cancel(execution.get());
            response.sendRedirect(jobUrl(request, name) + "/executions/" + execution.get().getId());
            return;
        }
        Matcher action = ACTION.matcher(path);
        if (!action.matches() || jobs.find(action.group(1)).isEmpty()) {
            notFound(request, response);
            return;
        }
        String name = action.group(1);
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        try {
            switch (action.group(2)) {
                case "run" -> {
                    long id = queue.queue(name, Trigger.MANUAL);
                    if ("job".equals(request.getParameter("from"))) {
                        response.sendRedirect(jobUrl(request, name) + "?ran=" + id);
                    } else {
                        response.sendRedirect(request.getContextPath() + "/jobs?ran=" + encoded + "&execution=" + id);
                    }
                }
                case "toggle" -> {
                    jobs.toggle(name);
                    response.sendRedirect(jobUrl(request, name));
                }
                case "clear" -> {
                    jobs.clearHistory(name);
                    response.sendRedirect(jobUrl(request, name));
                }
                default -> {
                    jobs.delete(name);
                    response.sendRedirect(request.getContextPath() + "/jobs?deleted=" + encoded);
                }
            }
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConflictException) && !(cause instanceof NotFoundException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            response.sendError(cause instanceof ConflictException ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_NOT_FOUND,
                    cause.getMessage());
        }
    }

    private static String jobUrl(HttpServletRequest request, String name) {
        return request.getContextPath() + "/jobs/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        pages.render(request, response, "notfound", Map.of());
    }

    private ZoneId zone(Job job) {
        try {
            return schedules.zoneOf(job.getTimezone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** The next fires in the job's time zone; none for a disabled job, a child or a schedule that never fires. */
    private List<String> nextFires(Job job) {
        List<String> next = new ArrayList<>();
        if (job.isDisabled() || job.isChild()) {
            return next;
        }
        ZoneId zone = zone(job);
        Instant after = Instant.now();
        try {
            for (int i = 0; i < NEXT_FIRES; i++) {
                Optional<Instant> fire = fires.nextFire(job.getSchedule(), job.getTimezone(), job.getName(), after,
                        job.getStartsAt(), job.getExpiresAt());
                if (fire.isEmpty()) {
                    break;
                }
                next.add(IN_ZONE.format(fire.get().atZone(zone)));
                after = fire.get();
            }
        } catch (InvalidScheduleException | IllegalArgumentException e) {
            return next;
        }
        return next;
    }

    private static Map<Long, String> durations(List<Execution> runs) {
        Map<Long, String> durations = new HashMap<>();
        runs.stream().filter(e -> e.getStartedAt() != null && e.getFinishedAt() != null)
                .forEach(e -> durations.put(e.getId(), DurationChart.format(DurationChart.millis(e))));
        return durations;
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

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
