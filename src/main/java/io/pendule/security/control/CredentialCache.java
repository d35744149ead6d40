package io.pendule.security.control;

import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a request's credentials name, on the path of every request: a token is one SHA-256 and one map look-up; a
 * password is checked by its slow hash once, then remembered by a keyed hash of the name and password for a while.
 * What is remembered is kept {@link #FRESH} at most, so that a token revoked, a password changed or a user disabled on
 * another node is refused here within seconds (at once on the node that changed it). Failures are not remembered:
 * a flood of wrong credentials cannot fill the memory (the login throttle slows it down).
 */
@ApplicationScoped
public class CredentialCache {

    static final Duration FRESH = Duration.ofSeconds(10);
    static final int MAX_ENTRIES = 10_000;

    private record Remembered(Identity identity, String name, Instant until) {
    }

    /** What is known of an enabled user: their sessions' epoch, and whether they must change their password. */
    private record Standing(int epoch, boolean mustChangePassword, Instant until) {
    }

    private final Map<String, Remembered> tokens = new ConcurrentHashMap<>();
    private final Map<String, Remembered> passwords = new ConcurrentHashMap<>();
    private final Map<String, Standing> users = new ConcurrentHashMap<>();
    private final Map<String, Instant> providerUsersStanding = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    @Inject
    ApiTokens apiTokens;
    @Inject
    Users allUsers;
    @Inject
    InstantSource time;

    public CredentialCache() {
        new SecureRandom().nextBytes(key);
    }

    /** Who a token acts as, if it is valid. */
    public Optional<Identity> ofToken(String text) {
        if (!TokenText.looksLikeOne(text)) {
            return Optional.empty();
        }
        String sha = TokenText.sha256(text);
        Instant now = time.instant();
        Remembered known = tokens.get(sha);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.identity());
        }
        Optional<ApiToken> token = apiTokens.usable(sha);
        Optional<Identity> identity = token.map(found -> Identity.token(found.getOwner(), roleOf(found), found.getId()));
        token.ifPresentOrElse(found -> remember(tokens, sha, new Remembered(identity.orElseThrow(), found.getOwner(),
                until(now, found.getExpiresAt()))), () -> tokens.remove(sha));
        return identity;
    }

    /** A token acts with its role, or its owner's if that is lower now (an admin made viewer keeps no admin token). */
    private Role roleOf(ApiToken token) {
        return allUsers.find(token.getOwner()).map(AppUser::getRole).filter(owner -> !owner.includes(token.getRole()))
                .orElse(token.getRole());
    }

    /** Who a name and password are, if they match an enabled user; slow the first time (PBKDF2), then quick. */
    public Optional<Identity> ofPassword(String name, String password) {
        String remembered = keyed(name + '\0' + password);
        Instant now = time.instant();
        Remembered known = passwords.get(remembered);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.identity());
        }
        Optional<AppUser> user = allUsers.withPassword(name, password);
        user.ifPresentOrElse(found -> remember(passwords, remembered, new Remembered(Identity.user(found.getName(),
                found.getRole()), found.getName(), now.plus(FRESH))), () -> passwords.remove(remembered));
        return user.map(found -> Identity.user(found.getName(), found.getRole()));
    }

    /** Whether a dashboard session signed in at {@code epoch} still stands: the user exists, is enabled, unchanged. */
    public boolean sessionStands(String name, int epoch) {
        return standing(name).filter(known -> known.epoch() == epoch).isPresent();
    }

    /** Whether the user must change their password (an admin set it) before they may do anything else. */
    public boolean mustChangePassword(String name) {
        return standing(name).map(Standing::mustChangePassword).orElse(false);
    }

    private Optional<Standing> standing(String name) {
        Instant now = time.instant();
        Standing known = users.get(name);
        if (known == null || !now.isBefore(known.until())) {
            Optional<AppUser> user = allUsers.find(name).filter(found -> !found.isDisabled());
            if (user.isEmpty()) {
                users.remove(name);
                return Optional.empty();
            }
            known = new Standing(user.get().getSessionEpoch(), user.get().isMustChangePassword(), now.plus(FRESH));
            remember(users, name, known);
        }
        return Optional.of(known);
    }

    /**
     * Whether the single sign-on provider's user {@code name} may act by the provider's access token: not when the name
     * is a local user's (a provider's user never acts as one) or a disabled user's.
     */
    public boolean providerUserStands(String name) {
        Instant now = time.instant();
        Instant until = providerUsersStanding.get(name);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean stands = allUsers.find(name).map(user -> user.isFromProvider() && !user.isDisabled()).orElse(true);
        if (stands) {
            if (providerUsersStanding.size() >= MAX_ENTRIES) {
                providerUsersStanding.clear();
            }
            providerUsersStanding.put(name, now.plus(FRESH));
        } else {
            providerUsersStanding.remove(name);
        }
        return stands;
    }

    /** Forgets what is known of a user (changed on this node): their passwords, sessions' epoch, tokens. */
    public void forgetUser(String name) {
        providerUsersStanding.remove(name);
        passwords.values().removeIf(entry -> entry.name().equals(name));
        tokens.values().removeIf(entry -> entry.name().equals(name));
        users.remove(name);
    }

    public void forgetToken(String sha256) {
        tokens.remove(sha256);
    }

    private static Instant until(Instant now, Instant expiresAt) {
        Instant fresh = now.plus(FRESH);
        return expiresAt != null && expiresAt.isBefore(fresh) ? expiresAt : fresh;
    }

    private static <T> void remember(Map<String, T> map, String key, T value) {
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
        map.put(key, value);
    }

    private String keyed(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
