package io.pendule.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests with exactly the headers a test gives, for the access rules' tests: no credentials unless given, no
 * redirect followed, no cookie kept. {@link #raw} writes the request on a socket itself, for the headers the JDK's
 * client will not send (a Host of the test's choosing, a NUL or a line break in a value).
 */
final class PlainHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private PlainHttp() {
    }

    /** An answer: its status, its headers (names in lower case) and its body. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /**
     * The deployment's address on the loopback interface, without a trailing slash: Arquillian names the machine's
     * own address, where a node sees neither a loopback caller nor a browser's same host.
     */
    static String loopback(java.net.URL base) {
        return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceAll("/$", "");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8)));
    }

    static Answer get(String url, Map<String, String> headers) {
        return send("GET", url, headers, null, null);
    }

    static Answer postJson(String url, Map<String, String> headers, String json) {
        return send("POST", url, headers, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Any method; {@code body} null sends none (and no Content-Type). */
    static Answer send(String method, String url, Map<String, String> headers, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> lower = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
            return new Answer(response.statusCode(), lower, response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A multipart/form-data body with one file field, as curl -F name=@file sends it; [0] the type, [1] the body. */
    static Object[] multipartFile(String field, String fileName, String content) {
        String boundary = "pendule-test-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/json\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return new Object[]{"multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8)};
    }

    /**
     * An HTTP/1.1 request written on a socket to {@code url}'s address, with {@code host} as its Host header and the
     * other headers given; the answer read to the end (Connection: close).
     */
    static Answer raw(String method, String url, String host, Map<String, String> headers, String contentType, String body) {
        return raw(method, url, host, headers, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As above, the head written as given in UTF-8, even what the JDK's client refuses to send (a header with a NUL, a
     * line break or a character beyond Latin-1); status -1 when the server closes the connection without an answer.
     */
    static Answer raw(String method, String url, String host, Map<String, String> headers, String contentType, byte[] body) {
        URI uri = URI.create(url);
        byte[] content = body == null ? new byte[0] : body;
        StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException e) {
            return new Answer(-1, Map.of(), String.valueOf(e));
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/")) {
            return new Answer(-1, Map.of(), text);
        }
        String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        String body = end < 0 ? "" : text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(String.join(",", headers.getOrDefault("transfer-encoding", List.of())))) {
            body = unchunked(body);
        }
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
