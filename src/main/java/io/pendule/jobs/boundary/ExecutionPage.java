package io.pendule.jobs.boundary;

import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.boundary.DurationChart;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.entity.Job;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.security.control.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * /jobs/{name}/executions/{id}: one run, its times, its output and, while it is queued or running, a cancel button and
 * a live tail (the page polls /live, read from the database, so any node can serve it: see ExecutionRunner's
 * publishing of running output).
 */
@ApplicationScoped
public class ExecutionPage {

    @Inject
    Pages pages;
    @Inject
    JobService jobs;
    @Inject
    ExecutionHistory history;
    @Inject
    CancelRequests cancels;

    public void show(HttpServletRequest request, HttpServletResponse response, String name, long id) throws IOException {
        render(request, response, name, id, "execution");
    }

    /**
     * The live part of the page alone (status, times, output), which the page polls with htmx while the run is queued
     * or running; once it has finished the part comes without its polling attributes, and the polling stops.
     */
    public void live(HttpServletRequest request, HttpServletResponse response, String name, long id) throws IOException {
        render(request, response, name, id, "execution-live");
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String name, long id, String template)
            throws IOException {
        Optional<Job> job = jobs.find(name);
        Optional<Execution> found = ofJob(name, id);
        if (job.isEmpty() || found.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
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
        model.put("live", !execution.status().finished());
        pages.render(request, response, template, model);
    }

    public void cancel(HttpServletRequest request, HttpServletResponse response, String name, long id) throws IOException {
        Optional<Execution> execution = ofJob(name, id);
        if (execution.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        cancels.cancel(execution.get(), Callers.of(request));
        response.sendRedirect(PageParameters.jobUrl(request, name) + "/executions/" + id);
    }

    private Optional<Execution> ofJob(String name, long id) {
        return history.byId(id).filter(e -> e.getJobName().equals(name));
    }
}
