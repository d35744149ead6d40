package io.pendule.jobs.control;

import io.pendule.executors.control.Executors;
import io.pendule.executors.control.JobExecutor;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.FieldError;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.entity.InvalidScheduleException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every rule a job definition must follow before it is stored: all problems at once, field by field. */
@ApplicationScoped
public class JobValidator {

    /** Dkron's rule: lower-case letters (any script), digits, '_' and '-'. */
    private static final Pattern NAME = Pattern.compile("[\\p{Ll}0-9_-]+");
    static final int MAX_NAME_LENGTH = 200;

    @Inject
    ScheduleParser schedules;
    @Inject
    Executors executors;

    public List<FieldError> problemsOf(Job job) {
        List<FieldError> errors = new ArrayList<>();
        checkName(job.getName(), errors);
        checkSchedule(job, errors);
        checkExecutor(job, errors);
        if (!"allow".equals(job.getConcurrency()) && !"forbid".equals(job.getConcurrency())) {
            errors.add(new FieldError("concurrency", "invalid concurrency policy value, use \"allow\" or \"forbid\""));
        }
        if (job.getRetries() < 0) {
            errors.add(new FieldError("retries", "must be 0 or more"));
        }
        if (job.isChild() && job.getParentJob().equals(job.getName())) {
            errors.add(new FieldError("parent_job", "the job can not have itself as parent"));
        }
        if (job.getStartsAt() != null && job.getExpiresAt() != null && job.getExpiresAt().isBefore(job.getStartsAt())) {
            errors.add(new FieldError("expires_at", "is before starts_at"));
        }
        return errors;
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "name cannot be empty"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "name is longer than " + MAX_NAME_LENGTH + " characters"));
        } else if (!NAME.matcher(name).matches()) {
            String illegal = name.codePoints().filter(c -> !NAME.matcher(Character.toString(c)).matches())
                    .mapToObj(Character::toString).findFirst().orElse("?");
            errors.add(new FieldError("name", "name contains illegal character '" + illegal
                    + "' (allowed: lower-case letters, digits, '_' and '-')"));
        }
    }

    private void checkSchedule(Job job, List<FieldError> errors) {
        try {
            schedules.zoneOf(job.getTimezone());
        } catch (InvalidScheduleException e) {
            errors.add(new FieldError("timezone", e.getMessage()));
            return;
        }
        boolean scheduleRequired = !job.isChild();
        if (job.getSchedule().isBlank() && !scheduleRequired) {
            return;
        }
        try {
            schedules.parse(job.getSchedule(), job.getTimezone(), job.getName() == null ? "" : job.getName());
        } catch (InvalidScheduleException e) {
            errors.add(new FieldError("schedule", "can't parse job schedule: " + e.getMessage()));
        }
    }

    private void checkExecutor(Job job, List<FieldError> errors) {
        if (job.getExecutor().isEmpty()) {
            errors.add(new FieldError("executor", "executor cannot be empty (one of " + executors.names() + ")"));
            return;
        }
        Optional<JobExecutor> executor = executors.named(job.getExecutor());
        if (executor.isEmpty()) {
            errors.add(new FieldError("executor", "unknown executor \"" + job.getExecutor() + "\" (one of " + executors.names() + ")"));
            return;
        }
        var config = job.getExecutorConfig() == null ? java.util.Map.<String, String>of() : job.getExecutorConfig();
        executor.get().validate(config)
                .forEach(e -> errors.add(new FieldError("executor_config." + e.key(), e.message())));
    }
}
