package io.pendule.jobs.boundary;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.jobs.control.JobImporter;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportedJob;
import io.pendule.jobs.entity.Job;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.pendule.dashboard.boundary.PageParameters.invalid;
import static io.pendule.dashboard.boundary.PageParameters.parameter;

/**
 * /import, an admin's: a CronJob manifest or a crontab pasted, previewed (the API's dry run: the jobs and the warnings)
 * and created, all or none, as POST /v1/import/cronjob and /v1/import/crontab do.
 */
@WebServlet({"/import", "/import/*"})
public class ImportPages extends RoutedPages {

    static final List<String> KINDS = List.of("crontab", "cronjob");
    static final List<String> FORMATS = List.of("", "user", "system");

    @Inject
    JobImporter importer;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.ADMIN_NAME, "/?", (request, response, parts) -> show(request, response, 200, Form.empty(), null))
                .post(Role.ADMIN_NAME, "/?", (request, response, parts) -> submitted(request, response));
    }

    /** What the form sent: the kind of file, the crontab's format, the text, and whether to create or preview. */
    record Form(String kind, String format, String text, boolean create) {

        static Form empty() {
            return new Form("crontab", "", "", false);
        }

        static Form of(HttpServletRequest request) {
            String kind = parameter(request, "kind");
            String format = parameter(request, "format");
            return new Form(KINDS.contains(kind) ? kind : "crontab", FORMATS.contains(format) ? format : "",
                    parameter(request, "text"), parameter(request, "action").equals("create"));
        }
    }

    /** The outcome shown under the form: jobs planned or created, with the file's place each comes from, and warnings. */
    record Outcome(boolean created, List<Row> rows, List<io.pendule.jobs.entity.ImportWarning> warnings) {
    }

    record Row(String from, String name, String schedule, String timezone, String command, boolean disabled) {

        static Row of(String from, Job job) {
            Map<String, String> config = job.getExecutorConfig() == null ? Map.of() : job.getExecutorConfig();
            return new Row(from, job.getName(), job.getSchedule(), job.getTimezone(), config.getOrDefault("command", ""),
                    job.isDisabled());
        }
    }

    private void submitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Form form = Form.of(request);
        try {
            ImportPlan plan = form.kind().equals("cronjob") ? importer.cronJobs(form.text())
                    : importer.crontab(form.text(), CrontabImportResource.format(form.format()));
            if (!form.create()) {
                show(request, response, 200, form, new Outcome(false, plan.jobs().stream()
                        .map(imported -> Row.of(imported.origin(), imported.job())).toList(), plan.warnings()));
                return;
            }
            List<Job> created = importer.create(plan, Callers.of(request));
            List<ImportedJob> planned = plan.jobs();
            show(request, response, 200, form, new Outcome(true, java.util.stream.IntStream.range(0, created.size())
                    .mapToObj(i -> Row.of(planned.get(i).origin(), created.get(i))).toList(), plan.warnings()));
        } catch (RuntimeException refused) {
            ValidationException invalid = invalid(refused);
            if (invalid == null) {
                pages.failure(request, response, refused);
                return;
            }
            Map<String, Object> model = model(form, null);
            model.put("problems", invalid.errors());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            pages.render(request, response, "import", model);
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, Form form, Outcome outcome)
            throws IOException {
        response.setStatus(status);
        pages.render(request, response, "import", model(form, outcome));
    }

    private static Map<String, Object> model(Form form, Outcome outcome) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("kinds", KINDS);
        model.put("formats", FORMATS);
        model.put("outcome", outcome);
        model.put("problems", List.<FieldError>of());
        return model;
    }
}
