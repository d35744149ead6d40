package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input corpus, {@code src/test/resources/hostile/corpus.txt}: one case a line, its format described in
 * the file's header. This class reads the file and turns a case into the bytes of its request (placeholders such as
 * {@code ${rep:a:100K}} or {@code ${nest:10000}} expanded, {@code job+{…}} merged over a valid job); it knows nothing
 * of the server, so that {@link HostileCorpusTest} checks the file without one.
 */
final class HostileCorpus {

    static final String RESOURCE = "/hostile/corpus.txt";
    static final String SEPARATOR = " | ";
    /** The markers the XSS payloads carry, and the raw forms that must never come back unescaped. */
    static final String XSS_SCRIPT = "<script>alert('pdl-xss')</script>";
    static final String XSS_ATTRIBUTE = "\"><img src=x onerror=alert('pdl-xss')>";
    static final List<String> RAW_XSS = List.of("<script>alert('pdl-xss')", "<img src=x onerror=alert('pdl-xss')");
    /** Raw bytes ({@code ${byte:HH}}) travel through the expanded text as these private-use characters. */
    private static final char RAW_BYTE_BASE = '\uE000';

    static final String VALID_SHELL_JOB = "{\"name\":\"hostile-new\",\"schedule\":\"@every 1h\",\"executor\":\"shell\","
            + "\"executor_config\":{\"command\":\"true\"}}";
    static final String VALID_HTTP_JOB = "{\"name\":\"hostile-new\",\"schedule\":\"@every 1h\",\"executor\":\"http\","
            + "\"executor_config\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:9/ping\"}}";
    static final String VALID_USER = "{\"name\":\"hostile-user\",\"password\":\"a long enough password\",\"role\":\"viewer\"}";
    static final String VALID_TOKEN = "{\"name\":\"hostile token\",\"role\":\"viewer\"}";

    /** What a case expects: statuses allowed ({@code 4xx}, {@code 400}, {@code 3xx}, {@code any}: not 5xx), or closed. */
    record Expect(String text) {

        boolean allows(int status) {
            for (String one : text.split("/")) {
                boolean ok = switch (one) {
                    case "any" -> status >= 100 && status < 500;
                    case "closed" -> false;
                    default -> one.endsWith("xx") ? status / 100 == one.charAt(0) - '0' : status == Integer.parseInt(one);
                };
                if (ok) {
                    return true;
                }
            }
            return false;
        }

        boolean allowsClosed() {
            return List.of(text.split("/")).contains("closed");
        }

        boolean allowsSuccess() {
            return allows(200) || allows(201);
        }
    }

    /** What a case may store when it is accepted: {@code job:NAME}, {@code user:NAME} or {@code token:NAME}. */
    record Creates(String kind, String name) {
    }

    /** One line of the corpus. */
    record Case(int line, String id, String method, String path, Expect expect, String field, Map<String, String> options,
                Map<String, String> headers, String body) {

        String auth() {
            return options.getOrDefault("as", "admin");
        }

        Creates creates() {
            String creates = options.get("creates");
            if (creates == null || creates.equals("nothing")) {
                return null;
            }
            int colon = creates.indexOf(':');
            return new Creates(creates.substring(0, colon), creates.substring(colon + 1));
        }

        boolean api() {
            return path.startsWith("/v1");
        }

        @Override
        public String toString() {
            return id + " (line " + line + "): " + method + " " + (path.length() > 120 ? path.substring(0, 120) + "…" : path);
        }
    }

    /** A request ready to send: the path (placeholders expanded and encoded), the headers, the content type, the body. */
    record Request(String path, Map<String, String> headers, String contentType, byte[] body) {

        /** Whether anything sent carries an XSS marker. */
        boolean carriesXss() {
            String all = path + headers + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
            return all.contains("pdl-xss");
        }
    }

    private HostileCorpus() {
    }

    static List<Case> read() {
        try (InputStream in = HostileCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(Pattern.quote(SEPARATOR), 6);
            if (parts.length != 6) {
                throw new IllegalArgumentException("line " + (i + 1) + ": 6 parts separated by \" | \" expected: " + line);
            }
            String id = parts[0].trim();
            if (!ids.add(id)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": id " + id + " is used twice");
            }
            String[] request = parts[1].trim().split(" ", 2);
            if (request.length != 2 || !request[1].startsWith("/")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": \"METHOD /path\" expected: " + parts[1]);
            }
            Expect expect = new Expect(parts[2].trim());
            for (String one : expect.text().split("/")) {
                if (!one.matches("any|closed|[2345]xx|[1-5]\\d\\d")) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unknown expectation " + one);
                }
            }
            if (expect.allows(500) || expect.allows(503)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a case never expects a 5xx");
            }
            String field = parts[3].trim().equals("-") ? null : parts[3].trim();
            Map<String, String> options = new LinkedHashMap<>();
            Map<String, String> headers = new LinkedHashMap<>();
            if (!parts[4].trim().equals("-")) {
                for (String option : parts[4].trim().split(" +")) {
                    int eq = option.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": option key=value expected: " + option);
                    }
                    String key = option.substring(0, eq);
                    String value = percentDecoded(option.substring(eq + 1));
                    if (key.startsWith("h:")) {
                        headers.put(key.substring(2), value);
                    } else if (List.of("ct", "as", "creates").contains(key)) {
                        options.put(key, value);
                    } else {
                        throw new IllegalArgumentException("line " + (i + 1) + ": unknown option " + key);
                    }
                }
            }
            String creates = options.get("creates");
            if (creates != null && !creates.matches("(job|user|token):.+|nothing")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": creates=job:NAME, user:NAME, token:NAME or nothing expected");
            }
            if (creates == null && expect.allowsSuccess() && !request[0].equals("GET") && !request[0].equals("HEAD")
                    && !request[0].equals("OPTIONS")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a writing case that may succeed must say what it "
                        + "creates (creates=…), so that it is removed again");
            }
            String body = parts[5].equals("-") ? null : parts[5];
            cases.add(new Case(i + 1, id, request[0], request[1], expect, field, Map.copyOf(options), headers, body));
        }
        return cases;
    }

    /**
     * The request of {@code c}: {@code values} fills the fixture's placeholders ({@code ${exec}}, …); a placeholder's
     * text in the path is percent-encoded, the rest of the path is sent as written.
     */
    static Request request(Case c, Map<String, String> values) {
        String path = legal(expand(c.path(), values, text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")));
        Map<String, String> headers = new LinkedHashMap<>();
        c.headers().forEach((name, value) -> headers.put(name, expand(value, values, Function.identity())));
        String contentType = c.options().get("ct");
        byte[] body = null;
        String raw = c.body();
        if (raw != null) {
            String text;
            if (raw.startsWith("job+") || raw.startsWith("http+") || raw.startsWith("user+") || raw.startsWith("token+")) {
                int plus = raw.indexOf('+');
                String base = switch (raw.substring(0, plus)) {
                    case "job" -> VALID_SHELL_JOB;
                    case "http" -> VALID_HTTP_JOB;
                    case "user" -> VALID_USER;
                    default -> VALID_TOKEN;
                };
                text = merged(base, expand(raw.substring(plus + 1), values, Function.identity()));
                contentType = contentType == null ? "application/json" : contentType;
            } else if (raw.startsWith("form:")) {
                StringBuilder form = new StringBuilder();
                for (String pair : raw.substring("form:".length()).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = eq < 0 ? pair : pair.substring(0, eq);
                    String value = eq < 0 ? "" : expand(pair.substring(eq + 1), values, Function.identity());
                    form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                text = form.toString();
                contentType = contentType == null ? "application/x-www-form-urlencoded" : contentType;
            } else if (raw.startsWith("multipart:")) {
                int eq = raw.indexOf('=');
                String boundary = "pendule-hostile-boundary";
                text = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + raw.substring("multipart:".length(), eq)
                        + "\"; filename=\"backup.json\"\r\nContent-Type: application/json\r\n\r\n"
                        + expand(raw.substring(eq + 1), values, Function.identity()) + "\r\n--" + boundary + "--\r\n";
                contentType = contentType == null ? "multipart/form-data; boundary=" + boundary : contentType;
            } else {
                text = expand(raw, values, Function.identity());
                contentType = contentType == null ? "application/json" : contentType;
            }
            body = bytes(text);
        }
        if ("none".equals(contentType)) {
            contentType = null;
        }
        return new Request(path, headers, contentType, body);
    }

    /** The path with what a URI cannot hold as it is (a space, a quote, a bracket…) percent-encoded; '%' kept. */
    static String legal(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}[]".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** {@code overrides} (a JSON object) set over {@code base}'s fields; a value {@code "$drop"} removes the field. */
    static String merged(String base, String overrides) {
        try {
            ObjectNode job = (ObjectNode) Api.JSON.readTree(base);
            JsonNode changes = Api.JSON.readTree(overrides);
            for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> change = it.next();
                if (change.getValue().isTextual() && change.getValue().asText().equals("$drop")) {
                    job.remove(change.getKey());
                } else {
                    job.set(change.getKey(), change.getValue());
                }
            }
            return Api.JSON.writeValueAsString(job);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object to merge: " + overrides, e);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9-]+)(?::([^}]*))?}");

    /**
     * The text with its placeholders replaced, each replacement passed through {@code encode}:
     * {@code ${rep:TEXT:N}} TEXT N times (N may end in K or M: ×1024, ×1024²), {@code ${nest:N}} N nested arrays,
     * {@code ${nestobj:N}} N nested objects, {@code ${nul}}, {@code ${cr}}, {@code ${lf}}, {@code ${tab}},
     * {@code ${u:HHHH}} a character, {@code ${byte:HH}} a raw byte (not UTF-8), {@code ${xss}} a script element,
     * {@code ${xssattr}} an attribute break-out, {@code ${xssattrjson}} the same with its quote escaped for a JSON
     * string, and the fixture's values ({@code ${exec}} …).
     */
    static String expand(String text, Map<String, String> values, Function<String, String> encode) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String arg = m.group(2);
            String value = switch (name) {
                case "rep" -> {
                    int colon = arg.lastIndexOf(':');
                    yield arg.substring(0, colon).repeat(count(arg.substring(colon + 1)));
                }
                case "nest" -> "[".repeat(count(arg)) + "]".repeat(count(arg));
                case "nestobj" -> "{\"a\":".repeat(count(arg)) + "1" + "}".repeat(count(arg));
                case "nul" -> "\u0000";
                case "empty" -> "";
                case "cr" -> "\r";
                case "lf" -> "\n";
                case "tab" -> "\t";
                case "u" -> String.valueOf((char) Integer.parseInt(arg, 16));
                case "byte" -> String.valueOf((char) (RAW_BYTE_BASE + Integer.parseInt(arg, 16)));
                case "xss" -> XSS_SCRIPT;
                case "xssattr" -> XSS_ATTRIBUTE;
                case "xssattrjson" -> XSS_ATTRIBUTE.replace("\"", "\\\"");
                default -> {
                    String fixture = values.get(name);
                    if (fixture == null) {
                        throw new IllegalArgumentException("unknown placeholder ${" + name + "} in " + text);
                    }
                    yield fixture;
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static int count(String n) {
        String t = n.trim();
        int factor = t.endsWith("K") ? 1024 : t.endsWith("M") ? 1024 * 1024 : 1;
        return Integer.parseInt(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
    }

    /** UTF-8, but for the raw bytes of {@code ${byte:HH}}. */
    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= RAW_BYTE_BASE && c <= RAW_BYTE_BASE + 0xFF) {
                out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
                run.setLength(0);
                out.write(c - RAW_BYTE_BASE);
            } else {
                run.append(c);
            }
        }
        out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** {@code %XX} sequences of an option's value decoded (so that a value may hold spaces: {@code %20}). */
    static String percentDecoded(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length() + 0 && value.substring(i + 1, Math.min(i + 3, value.length())).matches("[0-9A-Fa-f]{2}")) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
