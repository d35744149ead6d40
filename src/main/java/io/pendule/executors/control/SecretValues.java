package io.pendule.executors.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pendule.platform.Json;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for the secrets of an executor's config that pages never show: the values of sensitive HTTP headers
 * (Authorization, Proxy-Authorization, Cookie, any name with token, secret, password or key) and of environment
 * variables whose name says so. Pages show them as {@link #MASK}; a masked value sent back by a form means "keep the
 * stored secret". The API shows them so to viewers only: operators and admins, who may write jobs (and whose backups
 * must restore them whole), read them in clear ({@code security.control.Authorizer.readsSecrets}).
 */
public final class SecretValues {

    public static final String MASK = "••••";
    public static final String HEADERS = "headers";
    public static final String ENV = "env";
    public static final String URL = "url";

    private static final List<String> SENSITIVE_HEADERS = List.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final Pattern SENSITIVE_WORD = Pattern.compile("token|secret|passw|key|credential", Pattern.CASE_INSENSITIVE);
    /** Query parameters that carry credentials without saying so in the house words: signatures, codes, "auth". */
    private static final Pattern SENSITIVE_PARAMETER = Pattern.compile("sig|signature|auth|code|pwd|pass|apikey",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#@:]*):[^/?#@]*@");
    /** Scheme, user-info (dropped), host and port, then the rest. */
    private static final Pattern ORIGIN = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)(?:[^/?#@]*@)?([^/?#]*)(.*)$", Pattern.DOTALL);
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private SecretValues() {
    }

    public static boolean sensitive(String name) {
        String trimmed = name.trim();
        return SENSITIVE_HEADERS.contains(trimmed.toLowerCase(Locale.ROOT)) || SENSITIVE_WORD.matcher(trimmed).find();
    }

    /** The config as a page may show it: the sensitive header and env values masked, everything else as stored. */
    public static Map<String, String> masked(Map<String, String> config) {
        Map<String, String> shown = new LinkedHashMap<>(config == null ? Map.of() : config);
        if (shown.get(HEADERS) != null) {
            shown.put(HEADERS, headerLines(shown.get(HEADERS)).map(lines -> Json.write(maskedItems(lines, ':')))
                    .orElse(MASK));
        }
        if (shown.get(ENV) != null) {
            shown.put(ENV, String.join(",", maskedItems(envItems(shown.get(ENV)), '=')));
        }
        if (shown.get(URL) != null) {
            shown.put(URL, maskedUrl(shown.get(URL)));
        }
        return shown;
    }

    /**
     * A URL as a page may show it: the password of its user-info and the values of its query parameters named like
     * credentials ({@code ?api_key=}, {@code ?token=}, {@code ?sig=}) masked.
     */
    public static String maskedUrl(String url) {
        String shown = USER_INFO_PASSWORD.matcher(url).replaceFirst("$1:" + MASK + "@");
        int query = shown.indexOf('?');
        if (query < 0) {
            return shown;
        }
        int fragment = shown.indexOf('#', query);
        String parameters = fragment < 0 ? shown.substring(query + 1) : shown.substring(query + 1, fragment);
        List<String> masked = new ArrayList<>();
        for (String parameter : parameters.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            masked.add(equals >= 0 && (sensitive(name) || SENSITIVE_PARAMETER.matcher(name.trim()).matches())
                    ? name + "=" + MASK : parameter);
        }
        return shown.substring(0, query + 1) + String.join("&", masked) + (fragment < 0 ? "" : shown.substring(fragment));
    }

    /**
     * A webhook URL as a viewer may see it: scheme, host and port only. Chat and incident webhooks (Slack, Teams,
     * PagerDuty) hold their token in the path, under no name to recognise it by.
     */
    public static String maskedWebhook(String url) {
        Matcher origin = ORIGIN.matcher(url);
        if (!origin.matches()) {
            return MASK;
        }
        String rest = origin.group(3);
        return origin.group(1) + origin.group(2) + (rest.isEmpty() || rest.equals("/") ? rest : "/" + MASK);
    }

    /** The http executor's headers (a JSON array of "Name: value" strings) as lines; empty when unreadable. */
    public static Optional<List<String>> headerLines(String json) {
        if (json == null || json.isBlank()) {
            return Optional.of(List.of());
        }
        try {
            List<Object> items = Json.MAPPER.readValue(json, LIST);
            return items.stream().allMatch(String.class::isInstance)
                    ? Optional.of(items.stream().map(String.class::cast).toList()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The shell executor's env ("K1=v1,K2=v2", Dkron's form) as items. */
    public static List<String> envItems(String env) {
        return env == null || env.isBlank() ? List.of() : Arrays.stream(env.split(",")).map(String::trim).toList();
    }

    /** "Name: value" (separator ':') or "NAME=value" (separator '=') items, the sensitive values masked. */
    public static List<String> maskedItems(List<String> items, char separator) {
        return items.stream().map(item -> masked(item, separator)).toList();
    }

    private static String masked(String item, char separator) {
        int at = item.indexOf(separator);
        if (at < 0 || !sensitive(item.substring(0, at))) {
            return item;
        }
        return item.substring(0, at + 1) + (separator == ':' ? " " : "") + MASK;
    }

    /**
     * The items typed in a form, each masked sensitive value given back its stored value (the stored item of the
     * same name, names compared as headers are: ignoring case for ':'); an item whose secret is not stored stays
     * masked, see {@link #isMasked}.
     */
    public static List<String> unmasked(List<String> typed, List<String> stored, char separator) {
        List<String> items = new ArrayList<>();
        for (String item : typed) {
            items.add(isMasked(item, separator) ? storedItem(nameOf(item, separator), stored, separator).orElse(item) : item);
        }
        return items;
    }

    /**
     * Why the secrets stored for one target may not be kept, sent back masked, for another: another executor, an http
     * URL of another origin (scheme, host and port), a shell command or working directory changed. A secret goes only
     * where it went before unless its value is typed again: who may edit a job but not read its secrets must not be able
     * to send them to a host of their own. Empty when the target is the same.
     */
    public static Optional<String> targetChange(String executorBefore, Map<String, String> before, String executorAfter,
                                                Map<String, String> after) {
        if (!Objects.equals(executorBefore, executorAfter)) {
            return Optional.of("the executor changed");
        }
        if ("http".equals(executorAfter) && !sameOrigin(before, after)) {
            return Optional.of("the URL's origin changed");
        }
        if ("shell".equals(executorAfter) && !sameValue(before, after, "command")) {
            return Optional.of("the command changed");
        }
        if ("shell".equals(executorAfter) && !sameValue(before, after, "cwd")) {
            return Optional.of("the working directory changed");
        }
        return Optional.empty();
    }

    /** A URL that cannot be read (a secret reference in its host) keeps the secrets only when it is unchanged. */
    private static boolean sameOrigin(Map<String, String> before, Map<String, String> after) {
        Optional<String> originBefore = HttpConfigReader.url(before).map(SecretValues::origin);
        Optional<String> originAfter = HttpConfigReader.url(after).map(SecretValues::origin);
        if (originBefore.isEmpty() || originAfter.isEmpty()) {
            return sameValue(before, after, "url");
        }
        return originBefore.equals(originAfter);
    }

    private static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static boolean sameValue(Map<String, String> before, Map<String, String> after, String key) {
        return Objects.equals(ConfigValues.optional(before, key), ConfigValues.optional(after, key));
    }

    public static boolean isMasked(String item, char separator) {
        int at = item.indexOf(separator);
        return at >= 0 && item.substring(at + 1).trim().equals(MASK) && sensitive(item.substring(0, at));
    }

    private static Optional<String> storedItem(String name, List<String> stored, char separator) {
        return stored.stream().filter(item -> item.indexOf(separator) >= 0)
                .filter(item -> separator == ':' ? nameOf(item, separator).equalsIgnoreCase(name) : nameOf(item, separator).equals(name))
                .findFirst();
    }

    private static String nameOf(String item, char separator) {
        return item.substring(0, item.indexOf(separator)).trim();
    }
}
