package io.pendule.jobs.boundary;

import io.pendule.jobs.control.JobJsonReader;
import io.pendule.jobs.control.JobJson;
import io.pendule.security.control.Callers;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executors.control.ExecutorRegistry;
import io.pendule.jobs.control.JobService;
import io.pendule.jobs.control.JobValidator;
import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.api.entity.UnavailableException;
import io.pendule.api.entity.ValidationException;
import io.pendule.schedules.boundary.SchedulePreviews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The job editor: /new creates a job, /jobs/{name}/edit changes one, /jobs/{name}/clone opens the editor on a copy
 * (saved through /new). A save builds the job's Dkron JSON and goes through the API's own path (JobJsonReader, then
 * JobService.save and its validator), so the rules are the same; on any problem the form comes back as typed with
 * each message next to its field, and nothing is saved. Without scripts, "Check schedule" shows the preview.
 */
@ApplicationScoped
public class JobEditorPage {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("SystemV/") && !zone.startsWith("Etc/")).sorted().toList();

    @Inject
    Pages pages;
    @Inject
    JobService jobs;
    @Inject
    JobValidator validator;
    @Inject
    ExecutorRegistry executors;
    @Inject
    SchedulePreviews previews;

    private enum Mode { NEW, EDIT, CLONE }

    void showNew(HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(request, response, Mode.NEW, JobForm.empty(), new Problems(), false);
    }

    void showEdit(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Job> job = jobs.find(name);
        if (job.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        render(request, response, Mode.EDIT, JobForm.of(json(job.get())), new Problems(), true);
    }

    void showClone(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Job> job = jobs.find(name);
        if (job.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        render(request, response, Mode.CLONE, JobForm.of(json(job.get())).cloned(), new Problems(), true);
    }

    /** POST /new: a new job, or a clone keeping the secrets of the job it copies. */
    void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JobForm form = JobForm.read(request);
        Mode mode = form.get(JobForm.SOURCE).isEmpty() ? Mode.NEW : Mode.CLONE;
        if (!form.nulCharacters().isEmpty()) {
            refuse(request, response, mode, form, form.nulCharacters());
            return;
        }
        if (request.getParameter("check") != null) {
            render(request, response, mode, form, new Problems(), true);
            return;
        }
        String name = form.get("name").trim();
        Problems problems = new Problems();
        if (!name.isEmpty() && jobs.find(name).isPresent()) {
            problems.add(form, new FieldError("name", JobForm.KEY + "exists"));
        }
        JobJson json = new JobJson();
        json.name = name;
        Optional<Job> source = form.get(JobForm.SOURCE).isEmpty() ? Optional.empty() : jobs.find(form.get(JobForm.SOURCE));
        save(request, response, mode, form, json, source.map(Job::getExecutor).orElse(null),
                source.map(Job::getExecutorConfig).orElse(Map.of()), problems);
    }

    /** POST /jobs/{name}/edit: the stored job with the form's fields; what the form does not show is kept. */
    void update(HttpServletRequest request, HttpServletResponse response, String name) throws IOException {
        Optional<Job> job = jobs.find(name);
        if (job.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        JobForm form = JobForm.read(request);
        form.values.put("name", name);
        if (!form.nulCharacters().isEmpty()) {
            refuse(request, response, Mode.EDIT, form, form.nulCharacters());
            return;
        }
        if (request.getParameter("check") != null) {
            render(request, response, Mode.EDIT, form, new Problems(), true);
            return;
        }
        save(request, response, Mode.EDIT, form, json(job.get()), job.get().getExecutor(), job.get().getExecutorConfig(),
                new Problems());
    }

    /** {@code secrets}: the config of executor {@code secretsExecutor} the form's masked secrets were shown from. */
    private void save(HttpServletRequest request, HttpServletResponse response, Mode mode, JobForm form, JobJson json,
                      String secretsExecutor, Map<String, String> secrets, Problems problems) throws IOException {
        form.applyTo(json, secretsExecutor, secrets).forEach(p -> problems.add(form, p));
        try {
            Job definition = JobJsonReader.toDefinition(json);
            if (problems.isEmpty()) {
                if (mode == Mode.EDIT) {
                    jobs.save(definition, Callers.of(request));
                } else {
                    jobs.create(definition, Callers.of(request));
                }
                response.sendRedirect(PageParameters.jobUrl(request, json.name) + "?saved=" + (mode == Mode.EDIT ? "updated" : "created"));
                return;
            }
            validator.problemsOf(definition).forEach(p -> problems.add(form, p));
        } catch (RuntimeException e) {
            problems.addAll(form, fieldErrorsOf(e));
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        render(request, response, mode, form, problems, true);
    }

    /** The form back as typed, with its problems, and nothing saved. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, Mode mode, JobForm form,
                        List<FieldError> refusals) throws IOException {
        Problems problems = new Problems();
        problems.addAll(form, refusals);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        render(request, response, mode, form, problems, false);
    }

    /**
     * The field errors a refused save reports (thrown through the EJB container); a paused cluster's refusal is
     * shown above the form; anything else goes on up.
     */
    private static List<FieldError> fieldErrorsOf(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValidationException v) {
                return v.errors();
            }
            if (cause instanceof NotFoundException n && !n.errors().isEmpty()) {
                return n.errors();
            }
            if (cause instanceof UnavailableException || cause instanceof ConflictException) {
                return List.of(new FieldError("", cause.getMessage()));
            }
        }
        throw failure;
    }

    private JobJson json(Job job) {
        return JobJson.of(job, jobs.childrenOf(job.getName()));
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Mode mode, JobForm form,
                        Problems problems, boolean withPreview) throws IOException {
        Locale locale = Locale.forLanguageTag(Pages.language(request, response));
        String name = form.get("name");
        Map<String, Object> model = new HashMap<>();
        model.put("mode", mode.name().toLowerCase(Locale.ROOT));
        model.put("f", form.values);
        model.put("errors", problems.byField);
        model.put("general", problems.general);
        model.put("action", mode == Mode.EDIT ? "/jobs/" + name + "/edit" : "/new");
        model.put("executors", executors.names());
        model.put("methods", METHODS);
        model.put("concurrencies", Concurrency.codes());
        model.put("zones", ZONES);
        model.put("preview", withPreview ? previews.of(form.get("schedule"), form.get("timezone"), name, locale)
                : previews.of("", "", "", locale));
        pages.render(request, response, "editor", model);
    }

    /** The problems of a save, next to the form's fields, or above the form for those it does not show. */
    private static final class Problems {
        final Map<String, List<String>> byField = new LinkedHashMap<>();
        final List<String> general = new ArrayList<>();

        void add(JobForm form, FieldError problem) {
            String field = form.fieldOf(problem.field());
            if (field == null) {
                general.add(problem.field().isEmpty() ? problem.message() : problem.toString());
            } else {
                byField.computeIfAbsent(field, f -> new ArrayList<>()).add(problem.message());
            }
        }

        void addAll(JobForm form, List<FieldError> problems) {
            problems.forEach(p -> add(form, p));
        }

        boolean isEmpty() {
            return byField.isEmpty() && general.isEmpty();
        }
    }
}
