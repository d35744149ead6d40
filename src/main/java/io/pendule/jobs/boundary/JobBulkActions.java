package io.pendule.jobs.boundary;

import io.pendule.security.control.Callers;
import io.pendule.security.entity.Identity;
import io.pendule.executions.control.ExecutionQueue;
import io.pendule.executions.entity.Trigger;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.jobs.control.JobService;
import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.NotFoundException;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.api.entity.UnavailableException;
import io.pendule.api.entity.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POST /jobs: an action (run, enable, disable, delete) on the jobs ticked in the list, each job on its own: what
 * one job refuses (a job others depend on cannot be deleted) leaves the others done. Deleting asks first, on a page
 * listing the jobs (a second POST with confirm=yes). The summary of what was done and refused is kept in the session
 * and shown once by the list, where the reader is sent back with the same filters (Post/Redirect/Get).
 */
@ApplicationScoped
public class JobBulkActions {

    static final String SUMMARY = "pendule.jobs.bulk";
    private static final List<String> ACTIONS = List.of("run", "enable", "disable", "delete");
    private static final Logger LOG = Logger.getLogger(JobBulkActions.class.getName());

    /** A job the action was refused for, and why. */
    public record Refusal(String job, String reason) implements Serializable {
    }

    /** What a bulk action did: the jobs done, the ones refused; no job at all when none was ticked. */
    public record Summary(String action, List<String> done, List<Refusal> refused) implements Serializable {
        public boolean nothingTicked() {
            return done.isEmpty() && refused.isEmpty();
        }
    }

    @Inject
    Pages pages;
    @Inject
    JobService jobs;
    @Inject
    ExecutionQueue queue;
    @Inject
    ExecutorRegistry executors;

    void act(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JobListFilters back = JobListFilters.read(request, executors.names());
        String action = request.getParameter("action");
        if (!ACTIONS.contains(action)) {
            throw new ValidationException("Bad action", "action", "must be one of " + String.join(", ", ACTIONS));
        }
        List<String> names = names(request);
        if (action.equals("delete") && !names.isEmpty() && !"yes".equals(request.getParameter("confirm"))) {
            Map<String, Object> model = new HashMap<>();
            model.put("names", names);
            model.put("filters", back);
            model.put("back", back.href(request.getContextPath() + "/jobs"));
            pages.render(request, response, "jobs-delete", model);
            return;
        }
        request.getSession().setAttribute(SUMMARY, apply(action, names, Callers.of(request)));
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", back.href(request.getContextPath() + "/jobs"));
    }

    /** The names ticked, once each, in the order of the list. */
    private static List<String> names(HttpServletRequest request) {
        String[] values = request.getParameterValues("name");
        return values == null ? List.of() : Arrays.stream(values).filter(n -> n != null && !n.isBlank())
                .map(String::trim).distinct().toList();
    }

    /**
     * Deletions go round again while some succeed, so that a job ticked with the jobs depending on it goes once they
     * have gone, whatever their order in the list.
     */
    private Summary apply(String action, List<String> names, Identity caller) {
        List<String> done = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> left = names;
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            refused.clear();
            for (String name : left) {
                try {
                    applyTo(action, name, caller);
                    done.add(name);
                } catch (RuntimeException e) {
                    refused.put(name, reason(e));
                }
            }
            progress = action.equals("delete") && refused.size() < left.size();
            left = List.copyOf(refused.keySet());
        }
        return new Summary(action, done, refused.entrySet().stream().map(r -> new Refusal(r.getKey(), r.getValue())).toList());
    }

    private void applyTo(String action, String name, Identity caller) {
        switch (action) {
            case "run" -> {
                jobs.get(name);
                queue.queue(name, Trigger.MANUAL, null, caller);
            }
            case "enable" -> jobs.setDisabled(name, false, caller);
            case "disable" -> jobs.setDisabled(name, true, caller);
            default -> jobs.delete(name, caller);
        }
    }

    /** The reader's reason (a conflict, a job gone, a paused cluster); anything else is logged as Pendule's fault. */
    private static String reason(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConflictException || cause instanceof NotFoundException
                    || cause instanceof ValidationException || cause instanceof UnavailableException) {
                return cause.getMessage();
            }
        }
        LOG.log(Level.WARNING, "bulk action failed", failure);
        return String.valueOf(failure.getMessage());
    }
}
