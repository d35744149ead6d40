package io.pendule.jobs.entity;

import io.pendule.api.entity.FieldError;

import java.util.List;

/**
 * What a file asks for, read: the jobs it would create, the warnings about what does not map, and the errors that
 * stop it (a file with one error creates nothing).
 */
public record ImportPlan(List<ImportedJob> jobs, List<ImportWarning> warnings, List<FieldError> errors) {

    public ImportPlan {
        jobs = List.copyOf(jobs);
        warnings = List.copyOf(warnings);
        errors = List.copyOf(errors);
    }
}
