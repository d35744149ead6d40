package io.pendule.packs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;
import io.pendule.architecture.Routes;
import io.pendule.packs.entity.PackContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pack's name is the first segment of its pages (/packs/{name}/…) and API (/v1/packs/{name}/…): a fixed route there
 * (/packs/matrix) would shadow a pack of that name, so the import refuses every such name, on properties.json.
 */
class ReservedPackNamesTest {

    /** The first segment after /packs/ or /v1/packs/ of a route, when it is a literal (not a parameter or a group). */
    private static final Pattern FIXED = Pattern.compile("^(?:/v1)?/packs/([a-z0-9_-]+)(?:/.*)?$");

    @Test
    void everyFixedRouteUnderPacksIsAReservedName() {
        TreeSet<String> fixed = new TreeSet<>();
        for (Routes.Route route : Routes.all()) {
            Matcher matcher = FIXED.matcher(route.template());
            if (matcher.matches()) {
                fixed.add(matcher.group(1));
            }
        }
        assertFalse(fixed.isEmpty(), "the matrix page at least");
        assertEquals(fixed, new TreeSet<>(PackLayout.RESERVED.keySet()), "the routes " + fixed + " shadow packs of those names");
    }

    @Test
    void aPackNamedAfterARouteIsRefusedOnItsProperties() {
        for (String name : PackLayout.RESERVED.keySet()) {
            ValidationException refused = assertThrows(ValidationException.class, () -> PackLayout.check(content(name), Optional.empty()));
            assertEquals(List.of(new FieldError("properties.json", "name \"" + name + "\" is taken by the page /packs/" + name
                    + ", which would hide the pack's pages: choose another name")), refused.errors());
        }
        assertTrue(PackLayout.check(content("matrix-metrics"), Optional.empty()).name().equals("matrix-metrics"), "only the name itself");
    }

    private static PackContent content(String name) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        TestPacks.valid(name, "1.0").forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return new PackContent(files, new TreeSet<>());
    }
}
