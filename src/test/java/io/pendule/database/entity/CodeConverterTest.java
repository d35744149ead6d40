package io.pendule.database.entity;

import io.pendule.clock.entity.MisfireKindConverter;
import io.pendule.clock.entity.MisfirePolicy;
import io.pendule.executions.entity.Concurrency;
import io.pendule.executions.entity.ConcurrencyConverter;
import io.pendule.workflows.entity.RunOnStart;
import io.pendule.workflows.entity.RunOnStartConverter;
import io.pendule.workflows.entity.TriggerRule;
import io.pendule.workflows.entity.TriggerRuleConverter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The policies' JPA converters store the JSON's codes, the ones the CHECK constraints of V15 list. */
class CodeConverterTest {

    private static final List<CodeConverter<?>> CONVERTERS = List.of(new ConcurrencyConverter(), new MisfireKindConverter(),
            new TriggerRuleConverter(), new RunOnStartConverter());

    @Test
    void everyPolicyIsStoredAsItsCodeAndReadBack() {
        roundTrips(new ConcurrencyConverter(), Concurrency.class);
        roundTrips(new MisfireKindConverter(), MisfirePolicy.Kind.class);
        roundTrips(new TriggerRuleConverter(), TriggerRule.class);
        roundTrips(new RunOnStartConverter(), RunOnStart.class);
    }

    private static <E extends Enum<E>> void roundTrips(CodeConverter<E> converter, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            String code = converter.convertToDatabaseColumn(constant);
            assertEquals(constant.name().toLowerCase(Locale.ROOT), code);
            assertEquals(constant, converter.convertToEntityAttribute(code));
        }
        assertNull(converter.convertToDatabaseColumn(null));
        assertNull(converter.convertToEntityAttribute(null));
    }

    @Test
    void anUnknownCodeInTheDatabaseIsABug() {
        for (CodeConverter<?> converter : CONVERTERS) {
            assertThrows(IllegalStateException.class, () -> converter.convertToEntityAttribute("sometimes"));
        }
    }
}
