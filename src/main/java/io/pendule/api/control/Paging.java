package io.pendule.api.control;

import io.pendule.api.entity.FieldError;
import java.util.List;
import java.util.Locale;

/** Dkron's paging and order parameters: _start/_end whole numbers, 0 or more, _end not before _start; _order. */
public final class Paging {

    private Paging() {
    }

    public static Integer whole(String name, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number, 0 or more"));
        return null;
    }

    public static void checkOrder(Integer start, Integer end, List<FieldError> errors) {
        if (start != null && end != null && end < start) {
            errors.add(new FieldError("_end", "must not be less than _start"));
        }
    }

    /** ASC or DESC, in any case (Dkron reads "desc" as ascending); absent means the route's default. */
    public static boolean descending(String value, boolean byDefault, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return byDefault;
        }
        String order = value.toUpperCase(Locale.ROOT);
        if (!order.equals("ASC") && !order.equals("DESC")) {
            errors.add(new FieldError("_order", "must be ASC or DESC"));
        }
        return order.equals("DESC");
    }
}
