package io.pendule.workflows.entity;

import io.pendule.database.entity.CodeConverter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a job's trigger rule as its code. The interface is named again so that JPA reads the types here. */
@Converter
public class TriggerRuleConverter extends CodeConverter<TriggerRule> implements AttributeConverter<TriggerRule, String> {

    public TriggerRuleConverter() {
        super(TriggerRule.class);
    }
}
