package io.pendule.security.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.pendule.platform.Json;
import io.pendule.platform.Settings;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Single sign-on with an OpenID Connect provider (Keycloak, Entra ID, Okta, Dex…): the authorization code flow with
 * PKCE for the dashboard, and the provider's access tokens for the API.
 * <p>
 * Jakarta Security 3.0 resolves one authentication mechanism per application, and Pendule's
 * ({@link PenduleAuthentication}) tells API tokens, passwords, sessions and the anonymous role apart; its OpenID
 * Connect mechanism would be a second one. So the flow is here, on the JDK's HttpClient, and the provider's signed
 * tokens are checked by Nimbus JOSE+JWT (the library Payara's own OpenID Connect support uses): the signature with
 * the provider's published keys (fetched again when it rotates them), the issuer, the audience, the expiry, and for
 * the ID token the nonce of its sign-in.
 */
@ApplicationScoped
public class SingleSignOn {

    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Set<JWSAlgorithm> SIGNATURES = Set.copyOf(List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA));

    @Inject
    Settings settings;

    private Optional<String> issuer;
    private String clientId;
    private String clientSecret;
    private String audience;
    private String usernameClaim;
    private ProviderRoles roles;
    private HttpClient http;
    private final AtomicLong lastWarning = new AtomicLong();
    /** The provider's endpoints and keys, read at the first use that finds it up (a provider down at start is no error). */
    private volatile Provider provider;

    /**
     * The provider's issuer as its discovery document names it (PENDULE_OIDC_ISSUER, give or take a final '/'), which
     * its tokens name too; its endpoints, and its keys.
     */
    private record Provider(String issuer, String authorization, String token, Optional<String> endSession,
                            JWKSource<SecurityContext> keys) {
    }

    /**
     * A sign-in under way, kept in the visitor's session until the provider sends them back: the state that callback
     * must bring, the nonce its ID token must hold, the PKCE verifier, and where to go afterwards.
     */
    public record Started(String state, String nonce, String verifier, String next, Instant at, URI authorization)
            implements Serializable {
    }

    /** Who the provider vouched for: a name, the role their groups give (none: refused), their groups, the ID token. */
    public record Vouched(String name, Optional<Role> role, Set<String> groups, String idToken) {
    }

    /** Why a sign-in through the provider failed, in words fit for the sign-in page and the audit log. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @PostConstruct
    void readSettings() {
        issuer = settings.oidcIssuer();
        clientId = settings.oidcClientId();
        clientSecret = settings.oidcClientSecret();
        audience = settings.oidcAudience();
        usernameClaim = settings.oidcUsernameClaim();
        roles = ProviderRoles.of(settings);
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        issuer.ifPresent(url -> LOG.info(() -> "Single sign-on through " + url + " as client " + clientId
                + " (roles from the claim " + roles.claim() + ")"));
        if (issuer.isPresent() && roles.groups().values().stream().allMatch(Set::isEmpty)) {
            LOG.warning("Single sign-on is on, but no PENDULE_OIDC_ADMIN_GROUPS, _OPERATOR_GROUPS or _VIEWER_GROUPS is set: "
                    + "nobody can sign in through it");
        }
    }

    public boolean enabled() {
        return issuer.isPresent();
    }

    /** A new sign-in: where to send the visitor, and what to keep until they come back. */
    public Started start(String redirectUri, String next, Instant now) throws Refused {
        String state = random();
        String nonce = random();
        String verifier = random();
        URI to = URI.create(provider().authorization() + (provider().authorization().contains("?") ? "&" : "?") + form(Map.of(
                "response_type", "code",
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "scope", "openid profile email",
                "state", state,
                "nonce", nonce,
                "code_challenge", challenge(verifier),
                "code_challenge_method", "S256")));
        return new Started(state, nonce, verifier, next, now, to);
    }

    /** The provider sent the visitor back with {@code code}: who it vouches for, checked against the sign-in started. */
    public Vouched finish(Started started, String code, String redirectUri) throws Refused {
        HttpRequest request = HttpRequest.newBuilder(URI.create(provider().token())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((encode(clientId) + ":"
                        + encode(clientSecret)).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", redirectUri, "code_verifier", started.verifier())))).build();
        JsonNode answer;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            answer = Json.MAPPER.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new Refused("the provider refused the sign-in's code: " + answer.path("error").asText("status "
                        + response.statusCode()) + " " + answer.path("error_description").asText(""));
            }
        } catch (IOException e) {
            throw new Refused("the provider could not be reached to end the sign-in: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted", e);
        }
        String idToken = answer.path("id_token").asText("");
        Map<String, Object> claims = verified(idToken, Set.of(clientId), Map.of("nonce", started.nonce()), true)
                .orElseThrow(() -> new Refused("the provider's ID token did not pass its checks (signature, issuer, "
                        + "audience, expiry, nonce)"));
        return vouched(claims, idToken);
    }

    /** Who a provider's access token, sent to the API as {@code Authorization: Bearer}, vouches for, if it is valid. */
    public Optional<Vouched> ofAccessToken(String token) {
        if (!enabled() || !looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            return verified(token, Set.of(audience), Map.of(), false).map(claims -> {
                try {
                    return vouched(claims, null);
                } catch (Refused noName) {
                    return null;
                }
            });
        } catch (Refused providerDown) {
            warnNowAndThen("A provider's access token could not be checked: " + providerDown.getMessage());
            return Optional.empty();
        }
    }

    /** Where to send a visitor who signs out, to end their session at the provider too, if it says where. */
    public Optional<URI> signOut(String idToken, String then) {
        try {
            return provider().endSession().map(end -> URI.create(end + (end.contains("?") ? "&" : "?") + form(Map.of(
                    "client_id", clientId, "id_token_hint", idToken, "post_logout_redirect_uri", then))));
        } catch (Refused providerDown) {
            return Optional.empty();
        }
    }

    public static boolean looksLikeJwt(String text) {
        return text != null && text.length() < 16_384 && JWT.matcher(text).matches();
    }

    private Vouched vouched(Map<String, Object> claims, String idToken) throws Refused {
        Object name = claims.get(usernameClaim);
        if (!(name instanceof String text) || !Users.NAME.matcher(text).matches()) {
            throw new Refused("the provider's claim " + usernameClaim + " (" + name + ") is no Pendule user name: 1 to 64 "
                    + "letters, digits, '.', '_', '@' or '-'");
        }
        return new Vouched(text, roles.roleOf(claims), roles.groupsIn(claims), idToken);
    }

    /**
     * The claims of a token the provider signed for {@code audiences}, with {@code exact} claims, unexpired; an ID token
     * (Keycloak's typ "ID", or one with an at_hash or a nonce) is never taken for an access token.
     */
    private Optional<Map<String, Object>> verified(String token, Set<String> audiences, Map<String, Object> exact,
                                                   boolean idToken) throws Refused {
        Provider known = provider();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(new HashSet<>(SIGNATURES), known.keys()));
        // the issuer exactly as the provider names itself: https://tenant.auth0.com/ keeps its final '/' in its tokens
        JWTClaimsSet.Builder expected = new JWTClaimsSet.Builder().issuer(known.issuer());
        exact.forEach(expected::claim);
        // Nimbus asks its sets whether they hold null, which Set.of() answers by throwing
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new HashSet<>(audiences), expected.build(),
                new HashSet<>(Set.of("sub", "exp")), new HashSet<>()));
        try {
            JWTClaimsSet claims = processor.process(token, null);
            if (!idToken && (claims.getClaim("at_hash") != null || claims.getClaim("nonce") != null
                    || "ID".equals(claims.getClaim("typ")))) {
                return Optional.empty();
            }
            return Optional.of(new LinkedHashMap<>(claims.getClaims()));
        } catch (com.nimbusds.jose.proc.BadJOSEException | java.text.ParseException | RuntimeException e) {
            LOG.fine(() -> "A provider's token was refused: " + e.getMessage());
            return Optional.empty();
        } catch (com.nimbusds.jose.JOSEException e) {
            warnNowAndThen("A provider's token could not be checked: its keys could not be read: " + reason(e));
            return Optional.empty();
        }
    }

    /** The provider's endpoints and keys: discovered once, again after a failure. */
    private Provider provider() throws Refused {
        Provider known = provider;
        if (known != null) {
            return known;
        }
        String url = issuer.orElseThrow(() -> new Refused("single sign-on is not set up (PENDULE_OIDC_ISSUER)"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/.well-known/openid-configuration"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Refused("the provider's discovery document answered " + response.statusCode());
            }
            JsonNode document = Json.MAPPER.readTree(response.body());
            String named = document.path("issuer").asText("");
            if (!named.equals(url) && !named.equals(url + "/")) {
                throw new Refused("the provider names itself " + named + ", not " + url + " (PENDULE_OIDC_ISSUER)");
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(URI.create(document.path("jwks_uri")
                    .asText()).toURL()).retrying(true).build();
            String endSession = document.path("end_session_endpoint").asText("");
            known = new Provider(named, document.path("authorization_endpoint").asText(), document.path("token_endpoint").asText(),
                    endSession.isEmpty() ? Optional.empty() : Optional.of(endSession), keys);
            provider = known;
            return known;
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("the single sign-on provider " + url + " could not be reached: " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted", e);
        }
    }

    /**
     * Logs a warning once a minute at most: anybody may send tokens naming unknown keys, or send them while the provider
     * is down, and each would log one.
     */
    private void warnNowAndThen(String message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == 0 || now - last >= WARN_EVERY.toNanos()) && lastWarning.compareAndSet(last, now)) {
            LOG.warning(message);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Identity of a user the provider vouched for, with a role. */
    public static Identity identity(Vouched vouched) {
        return Identity.user(vouched.name(), vouched.role().orElseThrow());
    }
}
