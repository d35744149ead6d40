package io.pendule.executions.entity;

import io.pendule.database.entity.CodeConverter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a job's concurrency policy as its code. The interface is named again so that JPA reads the types here. */
@Converter
public class ConcurrencyConverter extends CodeConverter<Concurrency> implements AttributeConverter<Concurrency, String> {

    public ConcurrencyConverter() {
        super(Concurrency.class);
    }
}
