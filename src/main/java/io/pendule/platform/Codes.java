package io.pendule.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The codes Pendule's enums go by in JSON, forms and the database: the constant's name in lower case
 * ({@code FIRE_ONCE} is {@code fire_once}), as Dkron writes its values.
 */
public final class Codes {

    private Codes() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Every code of the enum, in declaration order (the order error messages list them in). */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::of).toList();
    }

    /** The constant of exactly this code; empty for null, an unknown code, or one in another case. */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(code)).findFirst();
    }
}
