package io.pendule.workflows.entity;

import io.pendule.database.entity.CodeConverter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a job's start-up runs choice (run_on_start) as its code. The interface is named again so that JPA reads the types here. */
@Converter
public class RunOnStartConverter extends CodeConverter<RunOnStart> implements AttributeConverter<RunOnStart, String> {

    public RunOnStartConverter() {
        super(RunOnStart.class);
    }
}
