package io.pendule.secrets.control;

import io.pendule.KeyTool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of HashiCorp Vault's documented HTTP API, the part Pendule uses, for tests (no Vault can be installed where
 * they run): the KV v2 read {@code GET /v1/MOUNT/data/PATH} and the kubernetes login {@code POST /v1/auth/MOUNT/login},
 * with Vault's status codes and JSON shapes. {@code X-Vault-Token} is checked against tokens that have a TTL and
 * policies (paths, a trailing {@code *} a prefix), {@code X-Vault-Namespace} selects the namespace secrets, tokens and
 * roles live in, errors are {@code {"errors":[…]}}, a sealed Vault answers 503, a soft-deleted or destroyed version
 * 404 with its metadata. Over HTTP, or HTTPS with a certificate of a CA made for it by keytool ({@link #caPem}).
 */
public final class FakeVault implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN = Pattern.compile("auth/(.+)/login");
    private static final String PASSWORD = "changeit";

    private record Version(Map<String, Object> data, int version, Instant created, Instant deleted, boolean destroyed) {
    }

    private record Token(String namespace, Instant expires, Set<String> policy) {
    }

    private record Role(String namespace, String mount, String jwt, Duration ttl, Set<String> policy) {
    }

    /** One request as Vault saw it: method, route after /v1/, namespace header, whether a token came. */
    public record Seen(String method, String route, String namespace, boolean withToken) {
    }

    private final InstantSource clock;
    private final HttpServer server;
    private final Path caPem;
    private final Map<String, Version> secrets = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile boolean sealed;

    private FakeVault(InstantSource clock, HttpServer server, Path caPem) {
        this.clock = clock;
        this.server = server;
        this.caPem = caPem;
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Over plain HTTP on 127.0.0.1. */
    public static FakeVault http(InstantSource clock) throws IOException {
        return new FakeVault(clock, HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), null);
    }

    /** Over HTTPS on 127.0.0.1, with a certificate for that address made in {@code dir}; {@link #caPem} trusts it. */
    public static FakeVault https(InstantSource clock, Path dir) throws Exception {
        Path store = dir.resolve("vault.p12");
        KeyTool.run("-genkeypair", "-alias", "vault", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=vault",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path pem = dir.resolve("vault-ca.pem");
        KeyTool.run("-exportcert", "-rfc", "-alias", "vault", "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new FakeVault(clock, server, pem);
    }

    public String address() {
        return (caPem == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The PEM of the certificate the HTTPS variant presents (self-signed: its own CA). */
    public Path caPem() {
        return caPem;
    }

    /** Writes a new version of the secret at {@code path} of the KV v2 {@code mount}, in the root namespace. */
    public void put(String mount, String path, Map<String, Object> data) {
        put("", mount, path, data);
    }

    public void put(String namespace, String mount, String path, Map<String, Object> data) {
        Version previous = secrets.get(key(namespace, mount, path));
        secrets.put(key(namespace, mount, path),
                new Version(Map.copyOf(data), previous == null ? 1 : previous.version() + 1, clock.instant(), null, false));
    }

    /** Soft-deletes the current version ({@code DELETE /v1/MOUNT/data/PATH}), or destroys it. */
    public void delete(String mount, String path, boolean destroy) {
        secrets.computeIfPresent(key("", mount, path),
                (k, v) -> new Version(destroy ? null : v.data(), v.version(), v.created(), clock.instant(), destroy));
    }

    /** A new token of {@code namespace}, living {@code ttl} (null: for ever), allowed to read {@code policy}'s paths. */
    public String token(String namespace, Duration ttl, String... policy) {
        String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new Token(namespace, ttl == null ? null : clock.instant().plus(ttl), Set.of(policy)));
        return token;
    }

    public void revokeAll() {
        tokens.clear();
    }

    /** A role of the kubernetes auth method at {@code mount}: logs in who shows {@code jwt}, with a token of {@code ttl}. */
    public void kubernetesRole(String namespace, String mount, String role, String jwt, Duration ttl, String... policy) {
        roles.put(namespace + "|" + mount + "|" + role, new Role(namespace, mount, jwt, ttl, Set.of(policy)));
    }

    public void seal(boolean sealed) {
        this.sealed = sealed;
    }

    public int logins() {
        return logins.get();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String namespace = namespaceOf(exchange);
            String path = exchange.getRequestURI().getRawPath();
            String route = path.startsWith("/v1/") ? path.substring(4) : path;
            String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            seen.add(new Seen(exchange.getRequestMethod(), route, namespace, token != null));
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (sealed) {
                answer(exchange, 503, errors("Vault is sealed"));
                return;
            }
            Matcher login = LOGIN.matcher(route);
            if (path.startsWith("/v1/") && exchange.getRequestMethod().equals("POST") && login.matches()) {
                login(exchange, namespace, login.group(1), body);
            } else if (path.startsWith("/v1/") && exchange.getRequestMethod().equals("GET") && route.contains("/data/")) {
                read(exchange, namespace, route, token);
            } else {
                answer(exchange, 404, errors("no handler for route \"" + route + "\". route entry not found."));
            }
        }
    }

    private void read(HttpExchange exchange, String namespace, String route, String token) throws IOException {
        Token held = token == null ? null : tokens.get(token);
        if (held == null || !held.namespace().equals(namespace)
                || held.expires() != null && !clock.instant().isBefore(held.expires()) || !allows(held.policy(), route)) {
            answer(exchange, 403, errors("permission denied"));
            return;
        }
        int data = route.indexOf("/data/");
        Version version = secrets.get(key(namespace, route.substring(0, data), route.substring(data + "/data/".length())));
        if (version == null) {
            answer(exchange, 404, JSON.createObjectNode().set("errors", JSON.createArrayNode()));
            return;
        }
        ObjectNode metadata = JSON.createObjectNode().put("created_time", version.created().toString())
                .putNull("custom_metadata")
                .put("deletion_time", version.deleted() == null ? "" : version.deleted().toString())
                .put("destroyed", version.destroyed()).put("version", version.version());
        ObjectNode inner = JSON.createObjectNode();
        if (version.deleted() == null) {
            inner.set("data", JSON.valueToTree(version.data()));
        } else {
            inner.putNull("data");
        }
        inner.set("metadata", metadata);
        ObjectNode answer = envelope();
        answer.set("data", inner);
        answer.putNull("auth");
        answer(exchange, version.deleted() == null ? 200 : 404, answer);
    }

    private void login(HttpExchange exchange, String namespace, String mount, byte[] body) throws IOException {
        JsonNode asked;
        try {
            asked = JSON.readTree(body);
        } catch (IOException e) {
            answer(exchange, 400, errors("failed to parse JSON input: " + e.getMessage()));
            return;
        }
        String roleName = asked.path("role").asText("");
        String jwt = asked.path("jwt").asText("");
        if (roleName.isEmpty()) {
            answer(exchange, 400, errors("missing role"));
            return;
        }
        if (jwt.isEmpty()) {
            answer(exchange, 400, errors("missing jwt"));
            return;
        }
        Role role = roles.get(namespace + "|" + mount + "|" + roleName);
        if (role == null) {
            answer(exchange, 400, errors("invalid role name \"" + roleName + "\""));
            return;
        }
        if (!role.jwt().equals(jwt)) {
            answer(exchange, 403, errors("permission denied"));
            return;
        }
        logins.incrementAndGet();
        String token = token(namespace, role.ttl(), role.policy().toArray(String[]::new));
        ObjectNode auth = JSON.createObjectNode().put("client_token", token).put("accessor", UUID.randomUUID().toString());
        auth.putArray("policies").add("default").add("pendule");
        auth.putObject("metadata").put("role", roleName).put("service_account_name", "pendule")
                .put("service_account_namespace", "default");
        auth.put("lease_duration", role.ttl().toSeconds()).put("renewable", true)
                .put("entity_id", UUID.randomUUID().toString()).put("token_type", "service").put("orphan", true);
        ObjectNode answer = envelope();
        answer.putNull("data");
        answer.set("auth", auth);
        answer(exchange, 200, answer);
    }

    /** Vault's policy paths: exact, or a prefix when they end with '*'. */
    private static boolean allows(Set<String> policy, String route) {
        return policy.stream().anyMatch(path -> path.endsWith("*") ? route.startsWith(path.substring(0, path.length() - 1))
                : route.equals(path));
    }

    private static ObjectNode envelope() {
        ObjectNode answer = JSON.createObjectNode().put("request_id", UUID.randomUUID().toString()).put("lease_id", "")
                .put("renewable", false).put("lease_duration", 0);
        answer.putNull("wrap_info");
        answer.putNull("warnings");
        return answer;
    }

    private static String namespaceOf(HttpExchange exchange) {
        String namespace = exchange.getRequestHeaders().getFirst("X-Vault-Namespace");
        return namespace == null ? "" : namespace.replaceAll("^/+|/+$", "");
    }

    private static String key(String namespace, String mount, String path) {
        return namespace + "|" + mount + "|" + path;
    }

    private static ObjectNode errors(String... errors) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("errors").addAll(java.util.Arrays.stream(errors).map(JSON.getNodeFactory()::textNode).toList());
        return answer;
    }

    private static void answer(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

}
