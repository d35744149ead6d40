package io.pendule.secrets.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.platform.Json;
import io.pendule.secrets.entity.SecretUnavailable;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Vault's HTTP API as Pendule uses it, by the JDK's client: a KV v2 read ({@code GET /v1/MOUNT/data/PATH}) with the
 * token of its {@link VaultAuth}, logging in again once when Vault refuses it, and the kubernetes login. Redirects are
 * not followed (they would carry the token elsewhere; Vault's standbys forward requests themselves). Messages may
 * quote Vault's errors and name paths, never a token or a value.
 */
final class VaultClient {

    /** A login's answer: the client token, and how long it lives (zero: it does not expire). */
    record Login(String token, Duration lease) {
    }

    private final URI address;
    private final String mount;
    private final String namespace;
    private final Duration timeout;
    private final VaultAuth auth;
    private final HttpClient http;

    /**
     * @param address   Vault's address, {@code https://vault:8200}
     * @param namespace the Enterprise / HCP namespace, or null
     * @param tls       the TLS context trusting Vault's CA, or null for the JVM's
     */
    VaultClient(URI address, String mount, String namespace, Duration timeout, SSLContext tls, VaultAuth auth) {
        String text = address.toString();
        this.address = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.mount = mount;
        this.namespace = namespace;
        this.timeout = timeout;
        this.auth = auth;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
    }

    URI address() {
        return address;
    }

    VaultAuth auth() {
        return auth;
    }

    /** The data of the current version of the secret at {@code path}; empty when there is none, or it is deleted. */
    Optional<ObjectNode> read(String path) {
        String where = mount + "/data/" + path;
        String token = auth.token(this);
        HttpResponse<String> answer = send(request(where, token).GET(), token);
        if (answer.statusCode() == 403) {
            auth.refused(token);
            String again = auth.token(this);
            if (!again.equals(token)) {
                token = again;
                answer = send(request(where, token).GET(), token);
            }
        }
        int status = answer.statusCode();
        if (status == 404) {
            return Optional.empty();
        }
        if (status == 403) {
            throw new SecretUnavailable("permission denied reading " + where + ": the token lacks a policy allowing it, or "
                    + "has expired" + errors(answer.body(), token));
        }
        if (status != 200) {
            throw unexpected(status, answer.body(), token);
        }
        JsonNode data = parse(answer.body()).path("data").path("data");
        return data instanceof ObjectNode secret ? Optional.of(secret) : Optional.empty();
    }

    /** Logs in by the kubernetes auth method mounted at {@code authMount}. */
    Login login(String authMount, String role, String jwt) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("role", role).put("jwt", jwt);
        HttpResponse<String> answer = send(request("auth/" + authMount + "/login", null)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).header("Content-Type", "application/json"), jwt);
        if (answer.statusCode() != 200) {
            if (answer.statusCode() >= 500) {
                throw unexpected(answer.statusCode(), answer.body(), jwt);
            }
            throw new SecretUnavailable("vault refused the kubernetes login as role " + role + " at auth/" + authMount
                    + " (" + answer.statusCode() + ")" + errors(answer.body(), jwt));
        }
        JsonNode login = parse(answer.body()).path("auth");
        String token = login.path("client_token").asText("");
        if (token.isEmpty()) {
            throw new SecretUnavailable("vault's kubernetes login answered no auth.client_token");
        }
        return new Login(token, Duration.ofSeconds(Math.max(0, login.path("lease_duration").asLong(0))));
    }

    private HttpRequest.Builder request(String route, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + "/v1/" + route)).timeout(timeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        if (namespace != null) {
            request.header("X-Vault-Namespace", namespace);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String credential) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SecretUnavailable("vault at " + address + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new SecretUnavailable("vault at " + address + " cannot be reached: " + without(describe(e), credential), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretUnavailable("interrupted while asking vault", e);
        }
    }

    private SecretUnavailable unexpected(int status, String body, String credential) {
        if (status == 503) {
            return new SecretUnavailable("vault at " + address + " is sealed or unavailable (503)" + errors(body, credential));
        }
        return new SecretUnavailable("vault at " + address + " answered " + status + errors(body, credential));
    }

    private static String describe(IOException e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        if (root != e) {
            text.append(" (").append(root.getClass().getSimpleName()).append(")");
        }
        return message == null ? text.toString() : text + ": " + message;
    }

    /** Vault's {"errors":[…]} as ": a; b", cut short, without the credential sent (Vault does not echo one, but never). */
    private static String errors(String body, String credential) {
        List<String> errors = new ArrayList<>();
        try {
            Json.MAPPER.readTree(body).path("errors").forEach(error -> errors.add(error.asText()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "";
        }
        String text = String.join("; ", errors).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "";
        }
        text = without(text, credential);
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    /** A credential of a few characters is a test's: replacing it would garble the words it is part of. */
    private static String without(String text, String credential) {
        return credential == null || credential.length() < 8 ? text : text.replace(credential, "…");
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SecretUnavailable("vault answered something that is not JSON");
        }
    }
}
