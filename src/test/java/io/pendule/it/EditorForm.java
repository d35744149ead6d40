package io.pendule.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The job editor's form read from its page as a browser without scripts sends it: its inputs, checked boxes, text
 * areas and selected options (the first submit button, the default one, sends no value); then changed and posted.
 */
final class EditorForm {

    private static final Pattern FORM = Pattern.compile("(?s)<form class=\"editor\"[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>");
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern TEXTAREA = Pattern.compile("(?s)<textarea\\b([^>]*)>(.*?)</textarea>");
    private static final Pattern SELECT = Pattern.compile("(?s)<select\\b([^>]*)>(.*?)</select>");
    private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>");

    final String action;
    final Map<String, String> fields = new LinkedHashMap<>();

    private EditorForm(String action) {
        this.action = action;
    }

    static EditorForm of(String page) {
        Matcher form = FORM.matcher(page);
        if (!form.find()) {
            throw new AssertionError("no editor form in " + page);
        }
        EditorForm read = new EditorForm(unescape(form.group(1)));
        String body = form.group(2);
        for (Matcher input = INPUT.matcher(body); input.find(); ) {
            String attributes = input.group(1);
            String type = attribute(attributes, "type");
            String name = attribute(attributes, "name");
            if (name == null || ("checkbox".equals(type) && !attributes.contains(" checked"))) {
                continue;
            }
            read.fields.put(name, valueOf(attributes));
        }
        for (Matcher area = TEXTAREA.matcher(body); area.find(); ) {
            // a new line right after <textarea> is not part of its value
            read.fields.put(attribute(area.group(1), "name"), unescape(area.group(2).replaceFirst("^\r?\n", "")));
        }
        for (Matcher select = SELECT.matcher(body); select.find(); ) {
            String chosen = null;
            for (Matcher option = OPTION.matcher(select.group(2)); option.find(); ) {
                boolean selected = option.group(1).contains(" selected");
                if (chosen == null || selected) {
                    chosen = valueOf(option.group(1));
                }
                if (selected) {
                    break;
                }
            }
            read.fields.put(attribute(select.group(1), "name"), chosen == null ? "" : chosen);
        }
        return read;
    }

    EditorForm with(String field, String value) {
        fields.put(field, value);
        return this;
    }

    EditorForm without(String field) {
        fields.remove(field);
        return this;
    }

    String encoded() {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String valueOf(String attributes) {
        String value = attribute(attributes, "value");
        return value == null ? "" : value;
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("(?:^|\\s)" + name + "=\"([^\"]*)\"").matcher(attributes);
        return value.find() ? unescape(value.group(1)) : null;
    }

    static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }
}
