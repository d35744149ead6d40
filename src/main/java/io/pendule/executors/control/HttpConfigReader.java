package io.pendule.executors.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.HttpHeader;
import io.pendule.executors.entity.HttpJob;
import io.pendule.executors.entity.TlsSettings;
import io.pendule.executors.entity.Validated;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the http executor's config (Dkron's keys); unknown keys, and {@code debug}, are ignored.
 * Error messages name headers but never show their values, which may be secrets.
 */
final class HttpConfigReader {

    static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpConfigReader() {
    }

    /** {@code tlsDir}: PENDULE_TLS_DIR, the only directory the TLS file keys may name files in (see TlsFiles). */
    static Validated<HttpJob> read(Map<String, String> config, Optional<Path> tlsDir) {
        List<ConfigError> errors = new ArrayList<>();
        String method = method(ConfigValues.required(config, "method", errors), errors);
        URI url = url(ConfigValues.required(config, "url", errors), errors);
        List<HttpHeader> headers = headers(ConfigValues.optional(config, "headers"), errors);
        String body = Objects.requireNonNullElse(config.get("body"), "");
        int timeout = timeout(ConfigValues.optional(config, "timeout"), errors);
        Set<Integer> expectCodes = expectCodes(ConfigValues.optional(config, "expectCode"), errors);
        Pattern expectBody = expectBody(ConfigValues.optional(config, "expectBody"), errors);
        TlsSettings tls = tls(config, tlsDir, errors);
        return Validated.of(new HttpJob(method, url, headers, body, timeout, expectCodes, expectBody, tls), errors);
    }

    /** The config's URL when it is one, for the checks that need only the URL. */
    static Optional<URI> url(Map<String, String> config) {
        return Optional.ofNullable(url(ConfigValues.optional(config, "url"), new ArrayList<>()));
    }

    /** The methods of RFC 9110 and PATCH: a typo ("PSOT") is refused at save rather than sent. */
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private static String method(String method, List<ConfigError> errors) {
        if (method == null) {
            return null;
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            errors.add(new ConfigError("method", "must be one of " + String.join(", ", METHODS)));
            return null;
        }
        return upper;
    }

    private static URI url(String text, List<ConfigError> errors) {
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(withScheme(text));
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                if (url.getPort() == 0 || url.getPort() > 65535) { // java.net.URI takes any number of digits
                    errors.add(new ConfigError("url", "the port must be 1 to 65535"));
                    return null;
                }
                HttpRequest.newBuilder(url); // the JDK client's own checks, at save time rather than at run time
                return url;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        errors.add(new ConfigError("url", "must be an absolute http or https URL"));
        return null;
    }

    /**
     * A URL without a scheme ("cache-manager:8080/refresh") is read as http, the way curl reads it: Dkron
     * backups hold such values (Dkron itself only fails at run time), and restoring them must not be refused.
     */
    private static String withScheme(String text) {
        return text.contains("://") || text.startsWith("/") ? text : "http://" + text;
    }

    private static List<HttpHeader> headers(String json, List<ConfigError> errors) {
        List<HttpHeader> headers = new ArrayList<>();
        if (json == null) {
            return headers;
        }
        JsonNode lines;
        try {
            lines = JSON.readTree(json);
        } catch (IOException e) {
            lines = null;
        }
        if (lines == null || !lines.isArray()) {
            errors.add(new ConfigError("headers", "must be a JSON array of \"Name: value\" strings"));
            return headers;
        }
        for (int i = 0; i < lines.size(); i++) {
            HttpHeader header = header(lines.get(i));
            if (header == null) {
                errors.add(new ConfigError("headers", "entry " + (i + 1) + " must be a \"Name: value\" string"));
            } else if (!isAllowed(header)) {
                errors.add(new ConfigError("headers", "header " + header.name() + " cannot be set"));
            } else {
                headers.add(header);
            }
        }
        return headers;
    }

    /** Split on the first colon only: values such as URLs or tokens may contain colons (Dkron cut them off). */
    private static HttpHeader header(JsonNode line) {
        if (!line.isTextual()) {
            return null;
        }
        String text = line.asText();
        int colon = text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String name = text.substring(0, colon).trim();
        return TOKEN.matcher(name).matches() ? new HttpHeader(name, text.substring(colon + 1).trim()) : null;
    }

    /** The JDK client refuses some headers (Host, Content-Length, Connection...) and invalid values. */
    private static boolean isAllowed(HttpHeader header) {
        try {
            HttpRequest.newBuilder().header(header.name(), header.value());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int timeout(String text, List<ConfigError> errors) {
        if (text == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(text);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new ConfigError("timeout", "must be a whole number of seconds greater than 0"));
        return DEFAULT_TIMEOUT_SECONDS;
    }

    private static Set<Integer> expectCodes(String text, List<ConfigError> errors) {
        Set<Integer> codes = new LinkedHashSet<>();
        if (text == null) {
            return codes;
        }
        for (String item : text.split(",", -1)) {
            try {
                codes.add(Integer.parseInt(item.trim()));
            } catch (NumberFormatException e) {
                errors.add(new ConfigError("expectCode", "must be a comma-separated list of status codes, got \"" + item.trim() + "\""));
            }
        }
        return codes;
    }

    private static Pattern expectBody(String regex, List<ConfigError> errors) {
        if (regex == null) {
            return null;
        }
        if (regex.length() > BodyMatch.MAX_PATTERN_LENGTH) {
            errors.add(new ConfigError("expectBody", "must be at most " + BodyMatch.MAX_PATTERN_LENGTH + " characters"));
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            errors.add(new ConfigError("expectBody", "must be a regular expression: " + e.getDescription()));
            return null;
        }
    }

    private static TlsSettings tls(Map<String, String> config, Optional<Path> tlsDir, List<ConfigError> errors) {
        boolean noVerifyPeer = ConfigValues.bool(config, "tlsNoVerifyPeer", errors);
        String certificate = tlsFile(config, "tlsCertificateFile", tlsDir, errors);
        String key = tlsFile(config, "tlsCertificateKeyFile", tlsDir, errors);
        boolean certificateGiven = ConfigValues.optional(config, "tlsCertificateFile") != null;
        if (certificateGiven != (ConfigValues.optional(config, "tlsCertificateKeyFile") != null)) {
            errors.add(new ConfigError(certificateGiven ? "tlsCertificateKeyFile" : "tlsCertificateFile",
                    "tlsCertificateFile and tlsCertificateKeyFile go together"));
        }
        return new TlsSettings(noVerifyPeer, tlsFile(config, "tlsRootCAsFile", tlsDir, errors), certificate, key);
    }

    /** The real path of the file a TLS key names, inside PENDULE_TLS_DIR; null when not given or refused. */
    private static String tlsFile(Map<String, String> config, String key, Optional<Path> tlsDir, List<ConfigError> errors) {
        String name = ConfigValues.optional(config, key);
        if (name == null) {
            return null;
        }
        try {
            return TlsFiles.resolve(tlsDir, name).toString();
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(key, e.getMessage()));
            return null;
        }
    }
}
