package io.pendule.notifications.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pendule.platform.Json;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notification's own text with {{placeholders}} for the run's values. A template that is a JSON object or array
 * once each placeholder is replaced by 0 is JSON: its values are escaped as the inside of a JSON string (the
 * template writes the quotes), so output with quotes or new lines cannot break it. Any other template is plain
 * text and gets the values as they are.
 */
public record NotificationTemplate(String text) {

    public static final List<String> PLACEHOLDERS = List.of("job", "execution_id", "status", "attempt", "started_at",
            "finished_at", "exit_code", "error", "output", "node", "link");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public boolean isJson() {
        String start = text.stripLeading();
        if (!start.startsWith("{") && !start.startsWith("[")) {
            return false;
        }
        try {
            return STRICT_JSON.readTree(PLACEHOLDER.matcher(text).replaceAll("0")).isContainerNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    public String contentType() {
        return isJson() ? "application/json" : "text/plain; charset=utf-8";
    }

    /** The placeholders the template names that no run has. */
    public Set<String> unknownPlaceholders() {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    public String fill(Map<String, String> values) {
        boolean json = isJson();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            String replacement = value == null ? m.group() : json ? jsonEscaped(value) : value;
            m.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(filled);
        return filled.toString();
    }

    static String jsonEscaped(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
