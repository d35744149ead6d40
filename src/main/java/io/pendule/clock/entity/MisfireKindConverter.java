package io.pendule.clock.entity;

import io.pendule.database.entity.CodeConverter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a job's misfire policy kind as its code. The interface is named again so that JPA reads the types here. */
@Converter
public class MisfireKindConverter extends CodeConverter<MisfirePolicy.Kind> implements AttributeConverter<MisfirePolicy.Kind, String> {

    public MisfireKindConverter() {
        super(MisfirePolicy.Kind.class);
    }
}
