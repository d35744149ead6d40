package io.pendule.secrets.entity;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values a run was given, and how its output, error and live tail are shown without them: each value is
 * replaced by {@link #MASK}, as written and as a JSON string or a URL would carry it (an HTTP service echoing a request
 * shows it so). Output is seen through tails, so a value may be cut at the edges: a tail that lost its beginning may
 * start with the end of a value, and a live tail may end with the beginning of one whose rest is not printed yet. The
 * first is masked, the second held back until the next look. Values shorter than {@link #SHORTEST} are not masked:
 * hiding every "1" or "yes" of an output would garble it and protect nothing a guess would not find.
 */
public final class SecretMask {

    public static final String MASK = "***";
    public static final int SHORTEST = 4;
    public static final SecretMask NONE = new SecretMask(List.of());

    /** Longest first, so that a value containing another is masked whole. */
    private final List<String> forms;

    private SecretMask(List<String> forms) {
        this.forms = forms;
    }

    public static SecretMask of(Collection<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && value.length() >= SHORTEST) {
                forms.add(value);
                forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
                forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
                forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return forms.isEmpty() ? NONE : new SecretMask(forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    public boolean isEmpty() {
        return forms.isEmpty();
    }

    /** {@code text} with every whole value masked. */
    public String masked(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String shown = text;
        for (String form : forms) {
            shown = shown.replace(form, MASK);
        }
        return shown;
    }

    /** A tail: masked, and when it lost its beginning ({@code cut}), a value's end it may start with masked too. */
    public String maskedTail(String tail, boolean cut) {
        String shown = masked(tail);
        if (!cut || shown == null || forms.isEmpty()) {
            return shown;
        }
        int partial = longestEndStartingTail(shown);
        return partial >= 2 ? MASK + shown.substring(partial) : shown;
    }

    /** A tail that may still grow: as {@link #maskedTail}, less a value's beginning it may end with, shown once whole. */
    public String maskedLiveTail(String tail, boolean cut) {
        String shown = maskedTail(tail, cut);
        if (shown == null || forms.isEmpty()) {
            return shown;
        }
        return shown.substring(0, shown.length() - longestBeginningEndingTail(shown));
    }

    /** The length of the longest proper end of a value that {@code text} starts with. */
    private int longestEndStartingTail(String text) {
        int longest = 0;
        for (String form : forms) {
            for (int length = Math.min(form.length() - 1, text.length()); length > longest; length--) {
                if (text.startsWith(form.substring(form.length() - length))) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }

    /** The length of the longest proper beginning of a value that {@code text} ends with. */
    private int longestBeginningEndingTail(String text) {
        int longest = 0;
        for (String form : forms) {
            for (int length = Math.min(form.length() - 1, text.length()); length > longest; length--) {
                if (text.endsWith(form.substring(0, length))) {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
