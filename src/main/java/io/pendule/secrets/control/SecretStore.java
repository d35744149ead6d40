package io.pendule.secrets.control;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.secrets.entity.Sealed;
import io.pendule.secrets.entity.Secret;
import io.pendule.secrets.entity.SecretChanged;
import io.pendule.secrets.entity.SecretName;
import io.pendule.security.control.AuditDiff;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pendule's secret store, the one owner of table {@code secret}: values written encrypted ({@link SecretCipher}),
 * never answered to anyone but a run; every change audited with the value masked.
 */
@Stateless
public class SecretStore {

    public static final int MAX_VALUE_LENGTH = 65_536;
    static final Map<String, Object> MASKED = Map.of("value", AuditDiff.MASK);

    @PersistenceContext
    EntityManager em;
    @Inject
    SecretKeys keys;
    @Inject
    AuditLog audit;
    @Inject
    InstantSource time;
    @Inject
    Event<SecretChanged> changes;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Secret> all() {
        return em.createNamedQuery(Secret.ALL, Secret.class).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Secret> find(String name) {
        return SecretName.valid(name) ? Optional.ofNullable(em.find(Secret.class, name)) : Optional.empty();
    }

    /** A new secret; 409 when the name is taken. */
    public Secret create(Identity caller, String name, String value) {
        check(name, value);
        if (em.find(Secret.class, name, LockModeType.PESSIMISTIC_WRITE) != null) {
            throw new ConflictException("a secret named " + name + " exists already: PUT /v1/secrets/" + name + " replaces its value");
        }
        Secret secret = new Secret(name, time.instant());
        secret.seal(keys.cipher().seal(name, value), secret.getCreatedAt(), caller.name());
        em.persist(secret);
        em.flush();
        audit.record(caller, AuditAction.SECRET_CREATE, name, AuditDiff.between(null, MASKED).details());
        changes.fire(new SecretChanged(name));
        return secret;
    }

    /** The secret's new value, or a new secret; returns whether it was created. */
    public boolean put(Identity caller, String name, String value) {
        check(name, value);
        Secret secret = em.find(Secret.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (secret == null) {
            create(caller, name, value);
            return true;
        }
        secret.seal(keys.cipher().seal(name, value), time.instant(), caller.name());
        audit.record(caller, AuditAction.SECRET_UPDATE, name, new AuditDiff(MASKED, MASKED).details());
        changes.fire(new SecretChanged(name));
        return false;
    }

    public void delete(Identity caller, String name) {
        Secret secret = SecretName.valid(name) ? em.find(Secret.class, name, LockModeType.PESSIMISTIC_WRITE) : null;
        if (secret == null) {
            throw new NotFoundException("Secret not found: " + name);
        }
        em.remove(secret);
        audit.record(caller, AuditAction.SECRET_DELETE, name, AuditDiff.between(MASKED, null).details());
        changes.fire(new SecretChanged(name));
    }

    /**
     * The secret an export carried, still encrypted ({@code sealed}), created or made so for {@code caller} (a state
     * import): refused unless a key configured here opens it, so that what is imported resolves. Returns whether it
     * was created.
     */
    public boolean restore(Identity caller, String name, Sealed sealed) {
        List<FieldError> errors = new ArrayList<>();
        SecretName.problem(name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        if (errors.isEmpty()) {
            try {
                keys.cipher().open(name, sealed);
            } catch (RuntimeException unopened) {
                errors.add(new FieldError("ciphertext", "no secret key configured here opens it (it was sealed under key "
                        + sealed.keyId() + "): configure the same PENDULE_SECRET_KEY as the exporting Pendule"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Secret refused", errors);
        }
        Secret secret = em.find(Secret.class, name, LockModeType.PESSIMISTIC_WRITE);
        boolean created = secret == null;
        if (created) {
            secret = new Secret(name, time.instant());
            secret.seal(sealed, secret.getCreatedAt(), caller.name());
            em.persist(secret);
        } else {
            secret.seal(sealed, time.instant(), caller.name());
        }
        em.flush();
        audit.record(caller, created ? AuditAction.SECRET_CREATE : AuditAction.SECRET_UPDATE, name,
                created ? AuditDiff.between(null, MASKED).details() : new AuditDiff(MASKED, MASKED).details());
        changes.fire(new SecretChanged(name));
        return created;
    }

    /** The value of a stored secret, for a run only. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> value(String name) {
        return find(name).map(secret -> keys.cipher().open(name, secret.sealed()));
    }

    /**
     * Re-encrypts with the current key every row of another key, in one transaction, audited as one event naming the
     * secrets and the keys' ids; a row no key here opens stops it all (nothing half-rotated). Returns how many.
     */
    public int reencrypt() {
        SecretCipher cipher = keys.cipher();
        List<String> names = new ArrayList<>();
        for (Secret secret : em.createNamedQuery(Secret.ALL, Secret.class).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
            if (!secret.getKeyId().equals(cipher.currentKeyId())) {
                String value = cipher.open(secret.getName(), secret.sealed());
                secret.seal(cipher.seal(secret.getName(), value), time.instant(), Identity.SYSTEM.name());
                names.add(secret.getName());
            }
        }
        if (!names.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("secrets", names);
            details.put("from_key", cipher.previousKeyId().orElse(null));
            details.put("to_key", cipher.currentKeyId());
            audit.record(Identity.SYSTEM, AuditAction.SECRET_ROTATE, "secrets", details);
            names.forEach(name -> changes.fire(new SecretChanged(name)));
        }
        return names.size();
    }

    private static void check(String name, String value) {
        List<FieldError> errors = new ArrayList<>();
        SecretName.problem(name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError("value", "required, and not empty"));
        } else if (value.length() > MAX_VALUE_LENGTH) {
            errors.add(new FieldError("value", "at most " + MAX_VALUE_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Secret refused", errors);
        }
    }
}
