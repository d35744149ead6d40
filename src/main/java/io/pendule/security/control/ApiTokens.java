package io.pendule.security.control;

import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.ForbiddenException;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API tokens (table {@code api_token}): created by a user for themselves, or by an admin for another user (a service
 * account), with a role no higher than their owner's; shown once; listed without their secret; revoked. Creations,
 * revocations and refusals are recorded in the audit log (never the secret).
 */
@Stateless
public class ApiTokens {

    /** The token PENDULE_ADMIN_TOKEN gives: its id, and its name. */
    public static final String BOOTSTRAP = "bootstrap";
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @PersistenceContext
    EntityManager em;
    @Inject
    InstantSource time;
    @Inject
    CredentialCache cache;
    @Inject
    AuditLog audit;

    /** A token and its text, which nobody sees again. */
    public record Created(ApiToken token, String text) {
    }

    /**
     * A new token for {@code owner} (null: the caller), named {@code name}, with {@code role} (null: the owner's) and
     * an optional expiry. Only an admin makes tokens for someone else; the role is never above the owner's.
     */
    public Created create(Identity caller, String owner, String name, String role, Instant expiresAt) {
        if (caller.kind() == Identity.Kind.ANONYMOUS || caller.kind() == Identity.Kind.SYSTEM) {
            throw refused(caller, "tokens", "only a user makes API tokens: sign in, or use a token");
        }
        String forWhom = owner == null || owner.isBlank() ? caller.name() : owner;
        if (!forWhom.equals(caller.name()) && !caller.may(Role.ADMIN)) {
            throw refused(caller, "tokens", "only an admin makes tokens for another user");
        }
        List<FieldError> errors = new ArrayList<>();
        AppUser user = NulCharacters.in(forWhom) ? null : em.find(AppUser.class, forWhom);
        if (user == null) {
            errors.add(new FieldError("owner", NulCharacters.in(forWhom) ? NulCharacters.MESSAGE : "no user named " + forWhom));
        }
        if (name == null || name.isBlank() || name.length() > 128) {
            errors.add(new FieldError("name", "1 to 128 characters"));
        }
        NulCharacters.check("name", name, errors);
        Optional<Role> parsed = role == null ? Optional.ofNullable(user).map(AppUser::getRole) : Role.of(role);
        if (parsed.isEmpty() && role != null) {
            errors.add(new FieldError("role", "one of viewer, operator, admin"));
        } else if (user != null && parsed.isPresent() && !user.getRole().includes(parsed.get())) {
            errors.add(new FieldError("role", "at most " + user.getRole().id() + ", the role of " + forWhom));
        } else if (caller.kind() == Identity.Kind.TOKEN && parsed.isPresent() && !caller.role().includes(parsed.get())) {
            errors.add(new FieldError("role", "at most " + caller.role().id() + ", the role of the token used"));
        }
        Instant now = time.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add(new FieldError("expires_at", "in the future"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Token validation failed", errors);
        }
        TokenText text = TokenText.generate();
        ApiToken token = new ApiToken(text.id(), name, forWhom, parsed.orElseThrow(), text.sha256(), now, expiresAt);
        em.persist(token);
        audit.record(caller, AuditAction.TOKEN_CREATE, token.getId(), AuditDiff.between(null, snapshot(token)).details());
        return new Created(token, text.text());
    }

    /** The caller's tokens; an admin's {@code everyone} lists every user's. */
    public List<ApiToken> of(Identity caller, boolean everyone) {
        requireUser(caller);
        if (everyone) {
            if (!caller.may(Role.ADMIN)) {
                throw refused(caller, "tokens", "only an admin lists everyone's tokens");
            }
            return em.createNamedQuery(ApiToken.ALL, ApiToken.class).getResultList();
        }
        return em.createNamedQuery(ApiToken.OF_OWNER, ApiToken.class).setParameter("owner", caller.name()).getResultList();
    }

    /** Revokes a token of the caller's, or anyone's for an admin; at once on this node, within seconds on the others. */
    public ApiToken revoke(Identity caller, String id) {
        requireUser(caller);
        ApiToken token = id == null ? null : em.find(ApiToken.class, id);
        if (token == null || !token.getOwner().equals(caller.name()) && !caller.may(Role.ADMIN)) {
            throw new NotFoundException("Token not found: " + id);
        }
        Map<String, Object> before = snapshot(token);
        token.revoke(time.instant());
        cache.forgetToken(token.getSecretSha256());
        audit.record(caller, AuditAction.TOKEN_REVOKE, token.getId(), AuditDiff.between(before, snapshot(token)).details());
        return token;
    }

    /**
     * The token an export carried (its hash, never its text), created or made so, for {@code caller} (a state import);
     * its owner must exist. Returns whether it was created.
     */
    public boolean restore(Identity caller, ApiToken wanted) {
        List<FieldError> errors = new ArrayList<>();
        if (wanted.getId() == null || !TOKEN_ID.matcher(wanted.getId()).matches()) {
            errors.add(new FieldError("id", "1 to 64 letters, digits, '_' or '-'"));
        }
        if (wanted.getName() == null || wanted.getName().isBlank() || wanted.getName().length() > 128) {
            errors.add(new FieldError("name", "1 to 128 characters"));
        }
        if (wanted.getOwner() == null || em.find(AppUser.class, wanted.getOwner()) == null) {
            errors.add(new FieldError("owner", "no user named " + wanted.getOwner()));
        }
        if (wanted.getSecretSha256() == null || !SHA256.matcher(wanted.getSecretSha256()).matches()) {
            errors.add(new FieldError("secret_sha256", "64 lowercase hexadecimal digits"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Token refused", errors);
        }
        ApiToken token = em.find(ApiToken.class, wanted.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (token == null) {
            em.persist(wanted);
            audit.record(caller, AuditAction.TOKEN_CREATE, wanted.getId(), AuditDiff.between(null, snapshot(wanted)).details());
            return true;
        }
        Map<String, Object> before = snapshot(token);
        cache.forgetToken(token.getSecretSha256());
        token.takeOver(wanted);
        audit.record(caller, AuditAction.TOKEN_UPDATE, token.getId(), AuditDiff.between(before, snapshot(token)).details());
        return false;
    }

    /** Deletes a token (a state import that replaces everything); not found: nothing to do. */
    public void remove(Identity caller, String id) {
        ApiToken token = id == null ? null : em.find(ApiToken.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (token == null) {
            return;
        }
        Map<String, Object> before = snapshot(token);
        em.remove(token);
        cache.forgetToken(token.getSecretSha256());
        audit.record(caller, AuditAction.TOKEN_DELETE, id, AuditDiff.between(before, null).details());
    }

    /** A token as the audit log shows it: never its secret, nor its hash. */
    static Map<String, Object> snapshot(ApiToken token) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", token.getName());
        fields.put("owner", token.getOwner());
        fields.put("role", token.getRole().id());
        fields.put("expires_at", token.getExpiresAt() == null ? null : token.getExpiresAt().toString());
        fields.put("revoked_at", token.getRevokedAt() == null ? null : token.getRevokedAt().toString());
        return fields;
    }

    private ForbiddenException refused(Identity caller, String target, String why) {
        audit.denied(caller, target, why, Map.of());
        return new ForbiddenException(why);
    }

    /** Tokens are users': the anonymous role and Pendule itself have none to list or revoke. */
    private static void requireUser(Identity caller) {
        if (caller.kind() == Identity.Kind.ANONYMOUS || caller.kind() == Identity.Kind.SYSTEM) {
            throw new ForbiddenException("only a user has API tokens: sign in, or use a token");
        }
    }

    /** The token whose text hashes to {@code sha256}, if it may be used now; notes its use at most once a minute. */
    public Optional<ApiToken> usable(String sha256) {
        List<ApiToken> found = em.createNamedQuery(ApiToken.BY_SECRET, ApiToken.class).setParameter("sha", sha256).getResultList();
        Instant now = time.instant();
        Optional<ApiToken> token = found.stream().filter(t -> t.validAt(now)).findFirst()
                .filter(t -> em.find(AppUser.class, t.getOwner()) != null && !em.find(AppUser.class, t.getOwner()).isDisabled());
        token.filter(t -> t.getLastUsedAt() == null || t.getLastUsedAt().isBefore(now.minus(LAST_USE_PRECISION)))
                .ifPresent(t -> t.usedAt(now));
        return token;
    }

    /** The admin token the start-up was given, in a transaction of its own: created, or given this text if it had another. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void keepBootstrapToken(String owner, String text) {
        String sha = TokenText.sha256(text);
        ApiToken token = em.find(ApiToken.class, BOOTSTRAP);
        Instant now = time.instant();
        if (token == null) {
            em.persist(new ApiToken(BOOTSTRAP, BOOTSTRAP, owner, Role.ADMIN, sha, now, null));
            em.flush();
        } else if (!token.getSecretSha256().equals(sha) || token.getRevokedAt() != null) {
            cache.forgetToken(token.getSecretSha256());
            token.rotate(sha, now);
        }
    }
}
