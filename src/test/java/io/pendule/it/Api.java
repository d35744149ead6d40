package io.pendule.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * A small client of Pendule's API for tests: JSON in, JSON out, and waiting for a condition. It signs every request
 * as the deployments' admin ({@code Authorization: Bearer} {@link Deployments#ADMIN_TOKEN}) unless made to send other
 * credentials ({@link #withToken}, {@link #withBasic}) or none ({@link #withoutCredentials}); a request that names its
 * own {@code Authorization} or {@code X-Dkron-Token} is sent as built.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    /** The Authorization header's value, or null: no credentials. */
    private final String authorization;

    /** An admin's client of the API at {@code base} (the deployments' admin token). */
    Api(String base) {
        this(base, bearer(Deployments.ADMIN_TOKEN));
    }

    private Api(String base, String authorization) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = authorization;
    }

    /** The same API, called with the API token {@code token} ({@code Authorization: Bearer}). */
    Api withToken(String token) {
        return new Api(base, bearer(token));
    }

    /** The same API, called as a user by HTTP Basic. */
    Api withBasic(String user, String password) {
        return new Api(base, "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The same API, called without credentials (as the health probes and Dkron's scripts call it). */
    Api withoutCredentials() {
        return new Api(base, null);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    record Answer(int status, String body, java.net.http.HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Answer put(String path, String body) {
        return send("PUT", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    Answer patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Any method, any content type, any bytes: for requests the helpers above would not send. */
    Answer send(String method, String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A request as built by the caller (extra headers, multipart bodies). */
    Answer send(HttpRequest.Builder request, String path) {
        return send(request.uri(uri(path)));
    }

    /** Polls {@code path} until its JSON satisfies {@code done}, or fails after {@code timeout}. */
    JsonNode await(String path, Duration timeout, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Answer answer = get(path);
            if (answer.status() == 200) {
                last = answer.json();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting on " + path + ", last answer: " + last);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        if (authorization != null && request.headers().firstValue("Authorization").isEmpty()
                && request.headers().firstValue("X-Dkron-Token").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", authorization).build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
