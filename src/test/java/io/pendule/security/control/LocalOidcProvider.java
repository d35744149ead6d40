package io.pendule.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pendule.platform.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OpenID Connect provider on 127.0.0.1, for tests: its discovery document, an authorization endpoint that signs in
 * {@link #user} and sends them back to the client with a code, a token endpoint (the authorization_code grant,
 * client_secret_basic, PKCE with S256, a code good once), its keys (JWKS) and an end-session endpoint. Tokens are
 * RS256, signed with its current key; a test may rotate the key, or have the provider misbehave.
 */
final class LocalOidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "pendule";
    /** Long enough to be an HMAC key; with characters client_secret_basic must form-encode. */
    static final String CLIENT_SECRET = "s3cret: with spaces & 100% odd+chars / = more than 32 bytes";
    /** The one redirect URI the client registered. */
    static final String REDIRECT = "https://pendule.example.com/login/sso/callback";

    private final String path;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger discoveries = new AtomicInteger();
    private final AtomicInteger keyRequests = new AtomicInteger();
    private int port;
    private HttpServer server;
    private volatile RSAKey key = newKey();
    private volatile List<RSAKey> published = List.of(key);

    /** The claims of who signs in at the authorization endpoint. */
    volatile Map<String, Object> user = Map.of("sub", "0f1e2d3c", "preferred_username", "ada", "email", "ada@example.com",
            "groups", List.of("/ops/pendule-admins", "staff"));
    /** What the token endpoint does to an ID token's claims before signing it: a misbehaving provider. */
    volatile Consumer<JWTClaimsSet.Builder> idTokenChange = claims -> {
    };
    /** The key the token endpoint signs ID tokens with; null: the provider's own. */
    volatile RSAKey idTokenSigner;
    /** The issuer the discovery document names; null: the provider's own. */
    volatile String namedIssuer;
    /** Whether the discovery document names an end-session endpoint. */
    volatile boolean endSession = true;

    /** A code issued at the authorization endpoint: what the token endpoint checks before trading it. */
    private record Grant(String clientId, String redirectUri, String challenge, String nonce, Map<String, Object> user) {
    }

    /** The provider at {@code path} of a free port ("/realms/pendule" is Keycloak's way, "/" Auth0's). */
    static LocalOidcProvider start(String path) {
        LocalOidcProvider provider = new LocalOidcProvider(path);
        provider.listen();
        return provider;
    }

    private LocalOidcProvider(String path) {
        this.path = path;
    }

    /** Listens again, on the same port, after {@link #stop()}. */
    void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    /** Its issuer URL, as its tokens name it. */
    String issuer() {
        return "http://127.0.0.1:" + port + path;
    }

    private String base() {
        String issuer = issuer();
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    String authorizationEndpoint() {
        return base() + "/protocol/openid-connect/auth";
    }

    String endSessionEndpoint() {
        return base() + "/protocol/openid-connect/logout";
    }

    private String tokenEndpoint() {
        return base() + "/protocol/openid-connect/token";
    }

    private String keysEndpoint() {
        return base() + "/protocol/openid-connect/certs";
    }

    int discoveries() {
        return discoveries.get();
    }

    int keyRequests() {
        return keyRequests.get();
    }

    RSAKey key() {
        return key;
    }

    /** A new signing key, with a new kid, which alone the JWKS endpoint publishes from now on. */
    RSAKey rotate() {
        key = newKey();
        published = List.of(key);
        return key;
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of an access token for {@link #user}, made for {@code audience}, valid 5 minutes (Keycloak's). */
    JWTClaimsSet.Builder accessTokenClaims(String audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString()).claim("azp", CLIENT_ID).claim("typ", "Bearer")
                .claim("scope", "openid profile email");
        user.forEach(claims::claim);
        return claims.subject((String) user.get("sub"));
    }

    /** Signed with the provider's current key, as a JWT. */
    String signed(JWTClaimsSet.Builder claims) {
        return signed(claims, key, JOSEObjectType.JWT);
    }

    static String signed(JWTClaimsSet.Builder claims, RSAKey with, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).type(type).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String at = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && at.equals(pathOf(base() + "/.well-known/openid-configuration"))) {
                discovery(exchange);
            } else if (method.equals("GET") && at.equals(pathOf(authorizationEndpoint()))) {
                authorize(exchange);
            } else if (method.equals("POST") && at.equals(pathOf(tokenEndpoint()))) {
                token(exchange, body);
            } else if (method.equals("GET") && at.equals(pathOf(keysEndpoint()))) {
                keyRequests.incrementAndGet();
                List<JWK> keys = new ArrayList<>(published);
                send(exchange, 200, new JWKSet(keys).toPublicJWKSet().toString());
            } else {
                send(exchange, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    private static String pathOf(String url) {
        return URI.create(url).getPath();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveries.incrementAndGet();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", namedIssuer == null ? issuer() : namedIssuer);
        document.put("authorization_endpoint", authorizationEndpoint());
        document.put("token_endpoint", tokenEndpoint());
        document.put("jwks_uri", keysEndpoint());
        if (endSession) {
            document.put("end_session_endpoint", endSessionEndpoint());
        }
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        document.put("grant_types_supported", List.of("authorization_code"));
        send(exchange, 200, Json.write(document));
    }

    /** Signs in {@link #user} at once, and sends them back to the client with a code, or with an error. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> asked = query(exchange.getRequestURI());
        String redirect = asked.get("redirect_uri");
        if (!CLIENT_ID.equals(asked.get("client_id")) || !REDIRECT.equals(redirect)) {
            send(exchange, 400, "unknown client or redirect URI: not sent back"); // RFC 6749 4.1.2.1
            return;
        }
        String challenge = asked.get("code_challenge");
        String back;
        if (!"code".equals(asked.get("response_type")) || !List.of(asked.getOrDefault("scope", "").split(" ")).contains("openid")
                || !"S256".equals(asked.get("code_challenge_method")) || challenge == null || challenge.length() != 43) {
            back = form(Map.of("error", "invalid_request", "state", asked.getOrDefault("state", "")));
        } else {
            String code = UUID.randomUUID().toString();
            grants.put(code, new Grant(CLIENT_ID, redirect, challenge, asked.get("nonce"), user));
            back = form(asked.containsKey("state") ? Map.of("code", code, "state", asked.get("state")) : Map.of("code", code));
        }
        exchange.getResponseHeaders().set("Location", redirect + "?" + back);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, String body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> asked = type != null && type.startsWith("application/x-www-form-urlencoded") ? fields(body) : Map.of();
        String client = client(exchange.getRequestHeaders().getFirst("Authorization"));
        if (client == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"pendule\"");
            send(exchange, 401, error("invalid_client", "Invalid client or client credentials"));
            return;
        }
        if (!"authorization_code".equals(asked.get("grant_type"))) {
            send(exchange, 400, error("unsupported_grant_type", "Unsupported grant_type"));
            return;
        }
        Grant grant = asked.get("code") == null ? null : grants.remove(asked.get("code"));
        if (grant == null || !grant.clientId().equals(client)) {
            send(exchange, 400, error("invalid_grant", "Code not valid"));
        } else if (!grant.redirectUri().equals(asked.get("redirect_uri"))) {
            send(exchange, 400, error("invalid_grant", "Incorrect redirect_uri"));
        } else if (asked.get("code_verifier") == null || !s256(asked.get("code_verifier")).equals(grant.challenge())) {
            send(exchange, 400, error("invalid_grant", "PKCE verification failed: Code mismatch"));
        } else {
            Instant now = Instant.now();
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .claim("auth_time", now.getEpochSecond()).claim("azp", CLIENT_ID).claim("typ", "ID");
            grant.user().forEach(id::claim);
            id.subject((String) grant.user().get("sub")).claim("nonce", grant.nonce());
            idTokenChange.accept(id);
            RSAKey signer = idTokenSigner;
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", signed(accessTokenClaims(CLIENT_ID)));
            answer.put("id_token", signed(id, signer == null ? key : signer, JOSEObjectType.JWT));
            answer.put("token_type", "Bearer");
            answer.put("expires_in", 300);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            send(exchange, 200, Json.write(answer));
        }
    }

    /** The client a client_secret_basic Authorization header authenticates (RFC 6749 2.3.1), or null. */
    private static String client(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
        return id.equals(CLIENT_ID) && secret.equals(CLIENT_SECRET) ? id : null;
    }

    static Map<String, String> query(URI uri) {
        return uri.getRawQuery() == null ? Map.of() : fields(uri.getRawQuery());
    }

    private static Map<String, String> fields(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : encoded.split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.putIfAbsent(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String error, String description) {
        return Json.write(Map.of("error", error, "error_description", description));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
