package io.pendule.overview.boundary;

import io.pendule.cluster.control.Members;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.entity.Job;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.schedules.control.ScheduleOutlook;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's home page (/): how many jobs, enabled, running now, failed in the last 24 h; the recent failures,
 * the runs going on, the next fires and the nodes. Dkron's /ui/ bookmarks land here too.
 */
@WebServlet(urlPatterns = {"", "/ui", "/ui/*"})
public class OverviewPage extends HttpServlet {

    static final int LISTED = 10;
    static final int TICKS = 60;

    @Inject
    Pages pages;
    @Inject
    JobCatalog jobs;
    @Inject
    ExecutionHistory executions;
    @Inject
    Members members;
    @Inject
    ScheduleOutlook outlook;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().startsWith("/ui")) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        var running = executions.runningSummaries();
        Map<String, Object> model = new HashMap<>();
        JobCatalog.Counts counts = jobs.counts();
        model.put("jobCount", counts.jobs());
        model.put("enabledCount", counts.enabled());
        model.put("runningCount", running.size());
        model.put("failedCount", executions.countJobsFailedSince(dayAgo));
        model.put("failures", executions.lastFailuresSince(dayAgo, LISTED));
        model.put("running", running.stream().limit(LISTED).toList());
        List<Job> nextFires = jobs.nextToFire(LISTED);
        Instant now = Instant.now();
        Instant end = now.plus(FireTimeline.spanFor(nextFires.stream().map(Job::getNextFireAt).toList(), now));
        model.put("nextFires", nextFires);
        model.put("timeline", FireTimeline.of(nextFires.stream().map(job -> fires(job, end)).toList(), now));
        model.put("nodes", members.all());
        pages.render(request, response, "overview", model);
    }

    /** A job's fires to come until the timeline's end, as many as a timeline tick apart can show. */
    private FireTimeline.Fires fires(Job job, Instant end) {
        Instant until = job.getExpiresAt() != null && job.getExpiresAt().isBefore(end) ? job.getExpiresAt() : end;
        List<Instant> next = outlook.nextFires(job.getSchedule(), job.getTimezone(), job.getName(), job.getStartsAt(),
                until, TICKS).stream().map(ZonedDateTime::toInstant).toList();
        return new FireTimeline.Fires(job.getName(), job.getDisplayname().isEmpty() ? job.getName() : job.getDisplayname(),
                next.isEmpty() ? List.of(job.getNextFireAt()) : next);
    }
}
