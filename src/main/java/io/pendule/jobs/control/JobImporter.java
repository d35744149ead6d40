package io.pendule.jobs.control;

import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportedJob;
import io.pendule.jobs.entity.Job;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Imports of the schedules users already have (Kubernetes CronJobs, crontabs): read into a plan, every job checked by
 * the rules of POST /v1/jobs (JobValidator) with each problem said of its place in the file, then, unless it is a dry
 * run, all created in one transaction (JobService.createAll): a file with one problem creates nothing.
 */
@ApplicationScoped
public class JobImporter {

    /** More jobs than this in one file is more likely a mistake than a schedule; split it. */
    static final int MAX_JOBS = 1000;
    private static final String REFUSED = "Import refused, nothing was changed";

    @Inject
    JobService jobs;
    @Inject
    JobValidator validator;

    public ImportPlan cronJobs(String yaml) {
        refuseNul(yaml);
        return checked(CronJobMapper.map(yaml, this::exists));
    }

    /** {@code format} null: found from the lines. */
    public ImportPlan crontab(String text, CrontabMapper.Format format) {
        refuseNul(text);
        return checked(CrontabMapper.map(text, format, this::exists));
    }

    /** Creates the plan's jobs, all or none. */
    public List<Job> create(ImportPlan plan, Identity caller) {
        return jobs.createAll(plan.jobs().stream().map(ImportedJob::job).toList(), caller);
    }

    private boolean exists(String name) {
        return jobs.find(name).isPresent();
    }

    private ImportPlan checked(ImportPlan plan) {
        List<FieldError> problems = new ArrayList<>(plan.errors());
        if (plan.jobs().size() > MAX_JOBS) {
            problems.add(new FieldError("body", plan.jobs().size() + " jobs: an import makes at most " + MAX_JOBS));
        }
        for (ImportedJob imported : plan.jobs()) {
            validator.problemsOf(imported.job()).forEach(problem -> problems.add(imported.located(problem)));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(REFUSED, problems);
        }
        return plan;
    }

    private static void refuseNul(String text) {
        if (NulCharacters.in(text)) {
            throw new ValidationException(REFUSED, "body", NulCharacters.MESSAGE);
        }
    }
}
