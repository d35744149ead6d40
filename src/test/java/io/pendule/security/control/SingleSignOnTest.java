package io.pendule.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.pendule.platform.Settings;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.pendule.security.control.LocalOidcProvider.CLIENT_ID;
import static io.pendule.security.control.LocalOidcProvider.CLIENT_SECRET;
import static io.pendule.security.control.LocalOidcProvider.REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single sign-on against a provider of the test's own, on 127.0.0.1, that follows OpenID Connect. */
class SingleSignOnTest {

    private static final String API = "pendule-api";
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** A key that is not the provider's. */
    private static RSAKey stranger;

    private LocalOidcProvider provider;

    @BeforeAll
    static void makeAStrangersKey() {
        stranger = LocalOidcProvider.newKey();
    }

    @BeforeEach
    void startTheProvider() {
        provider = LocalOidcProvider.start("/realms/pendule");
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    /** Pendule as a client of the provider: admins and operators by group, more settings as key-value pairs. */
    private SingleSignOn sso(String... more) {
        Map<String, String> values = new HashMap<>(Map.of(
                "pendule.oidc.issuer", provider.issuer(),
                "pendule.oidc.client-id", CLIENT_ID,
                "pendule.oidc.client-secret", CLIENT_SECRET,
                "pendule.oidc.admin-groups", "pendule-admins",
                "pendule.oidc.operator-groups", "pendule-operators"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        SingleSignOn sso = new SingleSignOn();
        sso.settings = Settings.of(values);
        sso.readSettings();
        return sso;
    }

    /** What the visitor's browser brings back to Pendule from the provider's authorization endpoint. */
    private static Map<String, String> callback(SingleSignOn.Started started) throws IOException, InterruptedException {
        HttpResponse<Void> response = BROWSER.send(HttpRequest.newBuilder(started.authorization()).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(302, response.statusCode(), "the provider sends the visitor back");
        URI back = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertEquals(REDIRECT, back.getScheme() + "://" + back.getAuthority() + back.getPath());
        return LocalOidcProvider.query(back);
    }

    /** A sign-in from start to end, through the provider. */
    private static SingleSignOn.Vouched signIn(SingleSignOn sso) throws Exception {
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        return sso.finish(started, code(started), REDIRECT);
    }

    private static String code(SingleSignOn.Started started) throws IOException, InterruptedException {
        Map<String, String> back = callback(started);
        assertEquals(started.state(), back.get("state"));
        return back.get("code");
    }

    /** Why a sign-in that the provider vouches for with its current ID token is refused. */
    private String refusedSignIn() throws Exception {
        SingleSignOn sso = sso();
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        String code = code(started);
        return assertThrows(SingleSignOn.Refused.class, () -> sso.finish(started, code, REDIRECT)).getMessage();
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    // The authorization code flow

    @Test
    void theCodeFlowSendsTheVisitorWithStateNonceAndAnS256ChallengeAndEndsWithTheirNameAndRole() throws Exception {
        SingleSignOn sso = sso();
        assertTrue(sso.enabled());
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        SingleSignOn.Started started = sso.start(REDIRECT, "/jobs/backup", now);

        URI to = started.authorization();
        assertTrue(to.toString().startsWith(provider.authorizationEndpoint() + "?"), to.toString());
        Map<String, String> asked = LocalOidcProvider.query(to);
        assertEquals("code", asked.get("response_type"));
        assertEquals(CLIENT_ID, asked.get("client_id"));
        assertEquals(REDIRECT, asked.get("redirect_uri"));
        assertTrue(List.of(asked.get("scope").split(" ")).contains("openid"), asked.get("scope"));
        assertEquals(started.state(), asked.get("state"));
        assertEquals(started.nonce(), asked.get("nonce"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertEquals(sha256(started.verifier()), asked.get("code_challenge"));
        assertTrue(started.verifier().matches("[A-Za-z0-9._~-]{43,128}"), "RFC 7636's verifier: " + started.verifier());
        assertFalse(to.toString().contains(started.verifier()), "the verifier never leaves Pendule before the code's trade");
        assertEquals(3, Set.of(started.state(), started.nonce(), started.verifier()).size());
        assertTrue(started.state().length() >= 43 && started.nonce().length() >= 43, "at least 256 random bits each");
        assertEquals("/jobs/backup", started.next());
        assertEquals(now, started.at());

        SingleSignOn.Vouched vouched = sso.finish(started, code(started), REDIRECT);
        assertEquals("ada", vouched.name());
        assertEquals(Optional.of(Role.ADMIN), vouched.role(), "/ops/pendule-admins is the group pendule-admins");
        assertEquals(Set.of("/ops/pendule-admins", "staff"), vouched.groups());
        SignedJWT idToken = SignedJWT.parse(vouched.idToken());
        assertEquals(started.nonce(), idToken.getJWTClaimsSet().getStringClaim("nonce"));
        assertEquals(provider.key().getKeyID(), idToken.getHeader().getKeyID());
    }

    @Test
    void eachSignInHasItsOwnStateNonceAndVerifier() throws Exception {
        SingleSignOn sso = sso();
        SingleSignOn.Started one = sso.start(REDIRECT, "/", Instant.now());
        SingleSignOn.Started two = sso.start(REDIRECT, "/", Instant.now());
        assertNotEquals(one.state(), two.state());
        assertNotEquals(one.nonce(), two.nonce());
        assertNotEquals(one.verifier(), two.verifier());
        assertEquals(1, provider.discoveries(), "the provider is discovered once");
    }

    @Test
    void theRoleComesFromTheGroupsAndAUserInNoneOfThemIsVouchedForWithoutOne() throws Exception {
        provider.user = Map.of("sub", "1", "preferred_username", "bob", "groups", List.of("/ops/pendule-operators"));
        assertEquals(Optional.of(Role.OPERATOR), signIn(sso()).role());

        provider.user = Map.of("sub", "2", "preferred_username", "eve", "groups", List.of("/ops/pendule-admins-to-be"));
        SingleSignOn.Vouched eve = signIn(sso());
        assertEquals("eve", eve.name());
        assertEquals(Optional.empty(), eve.role());
        assertEquals(Set.of("/ops/pendule-admins-to-be"), eve.groups());
    }

    @Test
    void theUserNameMayComeFromAnotherClaim() throws Exception {
        assertEquals("ada@example.com", signIn(sso("pendule.oidc.username-claim", "email")).name());
    }

    @Test
    void aUserNameClaimThatIsNoPenduleNameIsRefused() throws Exception {
        for (String name : List.of("ada lovelace", "-ada", "ada/../admin", "a".repeat(65), "")) {
            provider.user = Map.of("sub", "3", "preferred_username", name, "groups", List.of("pendule-admins"));
            assertTrue(refusedSignIn().contains("preferred_username"), name);
        }
        provider.user = Map.of("sub", "3", "groups", List.of("pendule-admins"));
        assertTrue(refusedSignIn().contains("preferred_username"), "no name at all");
        provider.user = Map.of("sub", "3", "preferred_username", List.of("ada"), "groups", List.of("pendule-admins"));
        assertTrue(refusedSignIn().contains("preferred_username"), "a name that is no string");
    }

    // The token endpoint's refusals

    @Test
    void theTokenEndpointsErrorIsTheReasonGiven() throws Exception {
        SingleSignOn sso = sso();
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        callback(started);
        String why = assertThrows(SingleSignOn.Refused.class, () -> sso.finish(started, "a-code-never-issued", REDIRECT))
                .getMessage();
        assertTrue(why.contains("invalid_grant") && why.contains("Code not valid"), why);
    }

    @Test
    void aCodeIsTradedOnce() throws Exception {
        SingleSignOn sso = sso();
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        String code = code(started);
        assertEquals("ada", sso.finish(started, code, REDIRECT).name());
        String why = assertThrows(SingleSignOn.Refused.class, () -> sso.finish(started, code, REDIRECT)).getMessage();
        assertTrue(why.contains("invalid_grant"), why);
    }

    @Test
    void theCodeIsTradedWithTheVerifierOfItsOwnSignInOnly() throws Exception {
        SingleSignOn sso = sso();
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        SingleSignOn.Started another = sso.start(REDIRECT, "/", Instant.now());
        String code = code(started);
        SingleSignOn.Started mixed = new SingleSignOn.Started(started.state(), started.nonce(), another.verifier(),
                started.next(), started.at(), started.authorization());
        String why = assertThrows(SingleSignOn.Refused.class, () -> sso.finish(mixed, code, REDIRECT)).getMessage();
        assertTrue(why.contains("invalid_grant") && why.contains("PKCE"), why);
    }

    @Test
    void theCodeIsTradedWithTheRedirectUriOfItsSignIn() throws Exception {
        SingleSignOn sso = sso();
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        String code = code(started);
        String why = assertThrows(SingleSignOn.Refused.class,
                () -> sso.finish(started, code, "https://elsewhere.example.com/login/sso/callback")).getMessage();
        assertTrue(why.contains("invalid_grant") && why.contains("redirect_uri"), why);
    }

    @Test
    void theClientAuthenticatesWithItsSecret() throws Exception {
        SingleSignOn sso = sso("pendule.oidc.client-secret", CLIENT_SECRET.replace("100%", "99%"));
        SingleSignOn.Started started = sso.start(REDIRECT, "/", Instant.now());
        String code = code(started);
        String why = assertThrows(SingleSignOn.Refused.class, () -> sso.finish(started, code, REDIRECT)).getMessage();
        assertTrue(why.contains("invalid_client"), why);
    }

    // The ID token's checks

    @Test
    void anIdTokenWithTheNonceOfAnotherSignInIsRefused() throws Exception {
        provider.idTokenChange = claims -> claims.claim("nonce", "the-nonce-of-another-sign-in");
        assertTrue(refusedSignIn().contains("ID token"));
    }

    @Test
    void anIdTokenWithoutNonceIsRefused() throws Exception {
        provider.idTokenChange = claims -> claims.claim("nonce", null);
        assertTrue(refusedSignIn().contains("ID token"));
    }

    @Test
    void anIdTokenSignedWithAnotherKeyIsRefusedWhateverKeyIdItNames() throws Exception {
        provider.idTokenSigner = new RSAKey.Builder(stranger.toRSAPublicKey()).privateKey(stranger.toRSAPrivateKey())
                .keyID(provider.key().getKeyID()).build();
        assertTrue(refusedSignIn().contains("ID token"), "the provider's key id");
        provider.idTokenSigner = stranger;
        assertTrue(refusedSignIn().contains("ID token"), "a key id the provider does not publish");
    }

    @Test
    void anIdTokenOfAnotherIssuerIsRefused() throws Exception {
        provider.idTokenChange = claims -> claims.issuer("http://127.0.0.1:1/realms/pendule");
        assertTrue(refusedSignIn().contains("ID token"));
    }

    @Test
    void anIdTokenForAnotherClientIsRefused() throws Exception {
        provider.idTokenChange = claims -> claims.audience("another-client");
        assertTrue(refusedSignIn().contains("ID token"));
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        Instant then = Instant.now().minus(Duration.ofMinutes(10));
        provider.idTokenChange = claims -> claims.issueTime(Date.from(then))
                .expirationTime(Date.from(then.plus(Duration.ofMinutes(5))));
        assertTrue(refusedSignIn().contains("ID token"));
    }

    // Access tokens on the API

    @Test
    void anAccessTokenForTheConfiguredAudienceVouchesForItsUser() {
        SingleSignOn sso = sso("pendule.oidc.audience", API);
        Optional<SingleSignOn.Vouched> vouched = sso.ofAccessToken(provider.signed(provider.accessTokenClaims(API)));
        assertEquals("ada", vouched.orElseThrow().name());
        assertEquals(Optional.of(Role.ADMIN), vouched.get().role());
        assertNull(vouched.get().idToken());

        JWTClaimsSet.Builder forSeveral = provider.accessTokenClaims(API).audience(List.of("account", API));
        assertTrue(sso.ofAccessToken(provider.signed(forSeveral)).isPresent(), "one of its audiences");
        String rfc9068 = LocalOidcProvider.signed(provider.accessTokenClaims(API), provider.key(), new JOSEObjectType("at+jwt"));
        assertTrue(sso.ofAccessToken(rfc9068).isPresent(), "typ at+jwt");
    }

    @Test
    void anAccessTokenForAnotherAudienceIsRefused() {
        SingleSignOn sso = sso("pendule.oidc.audience", API);
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims("another-api"))));
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID))),
                "the client's own, when the API's audience is another");
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(API).audience((String) null))),
                "no audience");
    }

    @Test
    void anIdTokenIsNoAccessToken() throws Exception {
        SingleSignOn sso = sso(); // the audience is the client's id, which ID tokens name
        assertTrue(sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID))).isPresent(),
                "an access token for the client is taken");
        String fromSignIn = signIn(sso).idToken();
        assertEquals(Optional.empty(), sso.ofAccessToken(fromSignIn));
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID).claim("typ", "ID"))),
                "Keycloak's typ ID");
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID).claim("nonce", "n"))),
                "a nonce");
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID)
                .claim("at_hash", "x4Q8HQ_4lGHrb8Cgg6N-4A"))), "an at_hash");
    }

    @Test
    void anExpiredAccessTokenIsRefused() {
        SingleSignOn sso = sso();
        Instant then = Instant.now().minus(Duration.ofMinutes(10));
        String expired = provider.signed(provider.accessTokenClaims(CLIENT_ID).issueTime(Date.from(then))
                .expirationTime(Date.from(then.plus(Duration.ofMinutes(5)))));
        assertEquals(Optional.empty(), sso.ofAccessToken(expired));
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID)
                .expirationTime(null))), "one that never expires");
    }

    @Test
    void anAccessTokenOfAnotherIssuerOrKeyIsRefused() {
        SingleSignOn sso = sso();
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID)
                .issuer(provider.issuer() + "-other"))));
        assertEquals(Optional.empty(), sso.ofAccessToken(LocalOidcProvider.signed(provider.accessTokenClaims(CLIENT_ID),
                stranger, JOSEObjectType.JWT)));
    }

    @Test
    void aTokenSignedWithTheClientSecretAsHmacKeyIsRefused() throws JOSEException {
        SingleSignOn sso = sso();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(provider.key().getKeyID())
                .type(JOSEObjectType.JWT).build(), provider.accessTokenClaims(CLIENT_ID).build());
        forged.sign(new MACSigner(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)));
        assertTrue(SingleSignOn.looksLikeJwt(forged.serialize()));
        assertEquals(Optional.empty(), sso.ofAccessToken(forged.serialize()));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        SingleSignOn sso = sso();
        String unsigned = new PlainJWT(new PlainHeader(), provider.accessTokenClaims(CLIENT_ID).build()).serialize();
        assertTrue(unsigned.startsWith("eyJ") && unsigned.endsWith("."), unsigned);
        assertEquals(Optional.empty(), sso.ofAccessToken(unsigned));
        String withASignatureToo = unsigned + Base64URL.encode("anything");
        assertTrue(SingleSignOn.looksLikeJwt(withASignatureToo));
        assertEquals(Optional.empty(), sso.ofAccessToken(withASignatureToo));
    }

    @Test
    void garbageIsNoToken() throws ParseException {
        SingleSignOn sso = sso();
        String valid = provider.signed(provider.accessTokenClaims(CLIENT_ID));
        assertTrue(sso.ofAccessToken(valid).isPresent());
        String[] parts = valid.split("\\.");
        for (String garbage : new String[]{null, "", "garbage", "pdl_12345678_" + "x".repeat(43), "eyJhbGciOi.eyJzdWIiOi.c2ln",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
                parts[0] + "." + Base64URL.encode("{\"sub\":\"ada\"").toString() + "." + parts[2],
                valid + "." + parts[2], valid.substring(0, 3) + "x".repeat(20_000)}) {
            assertEquals(Optional.empty(), sso.ofAccessToken(garbage), garbage);
        }
        assertEquals("ada", SignedJWT.parse(valid).getJWTClaimsSet().getStringClaim("preferred_username"));
    }

    @Test
    void anAccessTokenWhoseUserNameIsNoPenduleNameIsRefused() {
        SingleSignOn sso = sso();
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID)
                .claim("preferred_username", "ada lovelace"))));
    }

    @Test
    void withoutSingleSignOnNoProviderTokenIsTaken() {
        SingleSignOn sso = new SingleSignOn();
        sso.settings = Settings.of(Map.of("pendule.oidc.client-id", CLIENT_ID, "pendule.oidc.client-secret", CLIENT_SECRET,
                "pendule.oidc.admin-groups", "pendule-admins"));
        sso.readSettings();
        assertFalse(sso.enabled());
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID))));
        assertThrows(SingleSignOn.Refused.class, () -> sso.start(REDIRECT, "/", Instant.now()));
        assertEquals(Optional.empty(), sso.signOut("an-id-token", "https://pendule.example.com/login?signedOut"));
        assertEquals(0, provider.discoveries());
    }

    // The provider's keys, discovery and availability

    @Test
    void aTokenSignedWithTheProvidersNewKeyIsTakenOnceItRotatesItsKeys() throws Exception {
        SingleSignOn sso = sso();
        String before = provider.signed(provider.accessTokenClaims(CLIENT_ID));
        assertTrue(sso.ofAccessToken(before).isPresent());
        int fetched = provider.keyRequests();

        RSAKey next = provider.rotate();
        assertNotEquals(next.getKeyID(), SignedJWT.parse(before).getHeader().getKeyID());
        assertTrue(sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID))).isPresent(), "the new key's token");
        assertTrue(provider.keyRequests() > fetched, "the keys were fetched again for the unknown key id");
        assertEquals(Optional.empty(), sso.ofAccessToken(before), "the retired key's token");
    }

    @Test
    void aSignInEndsWithAnIdTokenSignedWithTheProvidersNewKey() throws Exception {
        SingleSignOn sso = sso();
        assertEquals("ada", signIn(sso).name());
        provider.rotate();
        SingleSignOn.Vouched vouched = signIn(sso);
        assertEquals("ada", vouched.name());
        assertEquals(provider.key().getKeyID(), SignedJWT.parse(vouched.idToken()).getHeader().getKeyID());
    }

    @Test
    void aProviderDownAtFirstUseIsNoErrorAndIsDiscoveredOnceUp() throws Exception {
        String token = provider.signed(provider.accessTokenClaims(CLIENT_ID));
        provider.stop();
        SingleSignOn sso = sso();
        assertTrue(sso.enabled());
        String why = assertThrows(SingleSignOn.Refused.class, () -> sso.start(REDIRECT, "/", Instant.now())).getMessage();
        assertTrue(why.contains(provider.issuer()), why);
        assertEquals(Optional.empty(), sso.ofAccessToken(token));
        assertEquals(Optional.empty(), sso.signOut("an-id-token", "https://pendule.example.com/login?signedOut"));

        provider.listen();
        assertEquals("ada", signIn(sso).name());
        assertTrue(sso.ofAccessToken(token).isPresent());
        assertEquals(1, provider.discoveries());
    }

    @Test
    void theIssuerTheDiscoveryDocumentNamesMustBeTheOneConfigured() {
        provider.namedIssuer = "http://127.0.0.1:1/realms/pendule";
        SingleSignOn sso = sso();
        String why = assertThrows(SingleSignOn.Refused.class, () -> sso.start(REDIRECT, "/", Instant.now())).getMessage();
        assertTrue(why.contains(provider.namedIssuer) && why.contains(provider.issuer()), why);
        assertEquals(Optional.empty(), sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID))));

        provider.namedIssuer = provider.issuer() + "/other";
        assertThrows(SingleSignOn.Refused.class, () -> sso.start(REDIRECT, "/", Instant.now()), "a longer path");
    }

    @Test
    void anIssuerEndingInASlashIsTheOneItsTokensName() throws Exception {
        provider.close();
        provider = LocalOidcProvider.start("/"); // Auth0's way: https://tenant.auth0.com/
        assertTrue(provider.issuer().endsWith("/"));
        for (String configured : List.of(provider.issuer(), provider.issuer().substring(0, provider.issuer().length() - 1))) {
            SingleSignOn sso = sso("pendule.oidc.issuer", configured);
            assertEquals("ada", signIn(sso).name(), configured);
            assertTrue(sso.ofAccessToken(provider.signed(provider.accessTokenClaims(CLIENT_ID))).isPresent(), configured);
        }
    }

    // Signing out at the provider

    @Test
    void signingOutGoesToTheProvidersEndSessionEndpoint() throws Exception {
        SingleSignOn sso = sso();
        String idToken = signIn(sso).idToken();
        String then = "https://pendule.example.com/login?signedOut&lang=fr";
        URI out = sso.signOut(idToken, then).orElseThrow();
        assertTrue(out.toString().startsWith(provider.endSessionEndpoint() + "?"), out.toString());
        Map<String, String> asked = LocalOidcProvider.query(out);
        assertEquals(CLIENT_ID, asked.get("client_id"));
        assertEquals(idToken, asked.get("id_token_hint"));
        assertEquals(then, asked.get("post_logout_redirect_uri"));
        assertEquals(3, asked.size());
    }

    @Test
    void aProviderWithoutEndSessionEndpointIsNotSignedOutOf() {
        provider.endSession = false;
        assertEquals(Optional.empty(), sso().signOut("an-id-token", "https://pendule.example.com/login?signedOut"));
    }
}
