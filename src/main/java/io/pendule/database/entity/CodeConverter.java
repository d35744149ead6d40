package io.pendule.database.entity;

import io.pendule.platform.Codes;
import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its code ({@link Codes}), the value the JSON and the migrations' CHECK constraints use, rather
 * than JPA's upper-case name. A subclass per enum is the converter JPA is given.
 */
public abstract class CodeConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected CodeConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E constant) {
        return constant == null ? null : Codes.of(constant);
    }

    /** The columns' CHECK constraints (V15) keep unknown codes out, so one is a bug worth failing loudly on. */
    @Override
    public E convertToEntityAttribute(String code) {
        return code == null ? null : Codes.find(type, code).orElseThrow(
                () -> new IllegalStateException("no " + type.getSimpleName() + " has the code \"" + code + "\""));
    }
}
