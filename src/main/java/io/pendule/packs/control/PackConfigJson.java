package io.pendule.packs.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ValidationException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A pack configuration's text: any one JSON value (HDM stored any text; packs read it with their JSON parser), kept
 * as written, stored as HDM stores it, the base64 of its UTF-8 bytes. Refused: what is not JSON (the message gives the
 * line and column, never the text), duplicate keys, text after the value, over {@link #MAX_LENGTH}, and what the
 * pack's schema refuses ({@link PackConfigSchema}).
 */
public final class PackConfigJson {

    public static final int MAX_LENGTH = 256 * 1024;

    private PackConfigJson() {
    }

    /**
     * {@code text} if it is a configuration {@code schema} accepts; else a 400 whose errors name {@code field} (not JSON),
     * or each violation's JSON path ({@code $.tables[0]}) for what the schema refuses.
     */
    public static String checked(String text, PackConfigSchema schema, String field) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("Pack configuration refused", field, "a JSON value is required (an object: {…})");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ValidationException("Pack configuration refused", field, "at most " + MAX_LENGTH + " characters");
        }
        JsonNode tree;
        try {
            tree = StrictJson.tree(text);
        } catch (JsonProcessingException e) {
            throw new ValidationException("Pack configuration refused", field, notJson(e));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ValidationException("Pack configuration refused", field, "a JSON value is required (an object: {…})");
        }
        List<FieldError> errors = schema.problems(tree);
        if (!errors.isEmpty()) {
            throw new ValidationException("Pack configuration refused", errors);
        }
        return text;
    }

    /** What the parser found wrong and where, in the parser's words cut to their first line, never the text. */
    static String notJson(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? "malformed" : e.getOriginalMessage().lines().findFirst().orElse("malformed");
        if (e instanceof StreamConstraintsException) {
            what = "nested too deeply, or a value too long";
        }
        int internals = what.indexOf(" (by `");
        if (internals > 0) {
            what = what.substring(0, internals);
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "not JSON" + where + ": " + what;
    }

    /** pack_config as HDM stores it: base64 of the UTF-8 text. */
    public static String encoded(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a stored pack_config; line breaks (as Python's base64.encodebytes writes) are allowed. */
    public static String decoded(String stored) {
        return new String(Base64.getMimeDecoder().decode(stored), StandardCharsets.UTF_8);
    }
}
