package io.pendule.security.control;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
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

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users of Pendule (table {@code app_user}): created, changed and deleted by an admin, or by the start-up. A change
 * an admin makes is recorded in the audit log in its transaction (the password as changed or not, never its hash).
 */
@Stateless
public class Users {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** The names of the anonymous role and of Pendule itself, which no user may take (a token or an audit line would blur). */
    static final Set<String> RESERVED = Set.of(Identity.ANONYMOUS_NAME, Identity.SYSTEM.name());
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    @PersistenceContext
    EntityManager em;
    @Inject
    PasswordHashing hashing;
    @Inject
    InstantSource time;
    @Inject
    CredentialCache cache;
    @Inject
    AuditLog audit;

    public List<AppUser> all() {
        return em.createNamedQuery(AppUser.ALL, AppUser.class).getResultList();
    }

    public Optional<AppUser> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(em.find(AppUser.class, name));
    }

    public boolean none() {
        return em.createNamedQuery(AppUser.COUNT, Long.class).getSingleResult() == 0;
    }

    /**
     * A new user, made by {@code caller}; refused, field by field, when the name is taken or malformed, the role
     * unknown, the password short. With {@code mustChangePassword}, the user changes the password {@code caller} chose
     * at their first sign-in, before anything else.
     */
    public AppUser create(Identity caller, String name, String password, String role, boolean mustChangePassword) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"));
        } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("name", name + " is reserved: it names who acts without being a user"));
        } else if (find(name).isPresent()) {
            errors.add(new FieldError("name", "a user named " + name + " exists already"));
        }
        Optional<Role> parsed = role(role, errors);
        checkPassword(password, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("User validation failed", errors);
        }
        AppUser user = new AppUser(name, hashing.hash(password), parsed.orElseThrow(), mustChangePassword, time.instant());
        em.persist(user);
        audit.record(caller, AuditAction.USER_CREATE, name, change(null, snapshot(user)));
        return user;
    }

    /**
     * Changes what {@code caller} gives (null: unchanged): the password, the role, whether the user is disabled, whether
     * they must change their password before doing anything else (a new password clears it unless asked again, so that
     * a user changing their own is free). Any change ends the user's dashboard sessions.
     */
    public AppUser update(Identity caller, String name, String password, String role, Boolean disabled,
                          Boolean mustChangePassword) {
        AppUser user = lockedOrNotFound(name);
        Map<String, Object> before = snapshot(user);
        List<FieldError> errors = new ArrayList<>();
        Optional<Role> parsed = role == null ? Optional.empty() : role(role, errors);
        if (password != null) {
            checkPassword(password, errors);
        }
        if (user.isFromProvider() && password != null) {
            errors.add(new FieldError("password", name + " signs in through single sign-on and has no password here"));
        }
        if (user.isFromProvider() && Boolean.TRUE.equals(mustChangePassword)) {
            errors.add(new FieldError("must_change_password", name + " signs in through single sign-on and has no password here"));
        }
        if (user.isFromProvider() && parsed.isPresent() && parsed.get() != user.getRole()) {
            errors.add(new FieldError("role", name + "'s role comes from the single sign-on provider's groups at each sign-in"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("User validation failed", errors);
        }
        if (parsed.isPresent() && parsed.get() != Role.ADMIN && user.getRole() == Role.ADMIN) {
            requireAnotherAdmin(name);
        }
        if (Boolean.TRUE.equals(disabled) && user.getRole() == Role.ADMIN) {
            requireAnotherAdmin(name);
        }
        if (password != null) {
            user.changePassword(hashing.hash(password), Boolean.TRUE.equals(mustChangePassword), time.instant());
        } else if (mustChangePassword != null && mustChangePassword != user.isMustChangePassword()) {
            user.requirePasswordChange(mustChangePassword, time.instant());
        }
        parsed.ifPresent(newRole -> user.changeRole(newRole, time.instant()));
        if (disabled != null && disabled != user.isDisabled()) {
            user.changeDisabled(disabled, time.instant());
        }
        cache.forgetUser(name);
        audit.record(caller, AuditAction.USER_UPDATE, name, change(before, snapshot(user)));
        return user;
    }

    /**
     * The start-up's admin, in a transaction of its own: created with {@code password} if missing, else given it when
     * {@code reset} (PENDULE_ADMIN_PASSWORD, with no length rule: the operator chose it). Returns whether it was created.
     * Two nodes starting at once race on the primary key: the loser's transaction fails, and it reads the winner's.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean keepAdmin(String name, String password, boolean reset) {
        AppUser user = em.find(AppUser.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            em.persist(new AppUser(name, hashing.hash(password), Role.ADMIN, false, time.instant()));
            em.flush();
            return true;
        }
        if (reset) {
            user.changePassword(hashing.hash(password), false, time.instant());
            if (user.getRole() != Role.ADMIN) {
                user.changeRole(Role.ADMIN, time.instant());
            }
            if (user.isDisabled()) {
                user.changeDisabled(false, time.instant());
            }
            cache.forgetUser(name);
        }
        return false;
    }

    /**
     * The user the single sign-on provider signed in, with the role its groups give now: made at the first sign-in,
     * their role brought up to date at each (audited as a change by the provider). Empty when the name is a local
     * user's, which a provider's user never takes over, or a disabled user's.
     */
    public Optional<AppUser> ofProvider(Identity signedIn) {
        AppUser user = em.find(AppUser.class, signedIn.name(), LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            if (RESERVED.contains(signedIn.name().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            AppUser made = AppUser.ofProvider(signedIn.name(), signedIn.role(), time.instant());
            em.persist(made);
            audit.record(signedIn, AuditAction.USER_CREATE, made.getName(), change(null, snapshot(made)));
            return Optional.of(made);
        }
        if (!user.isFromProvider() || user.isDisabled()) {
            return Optional.empty();
        }
        if (user.getRole() != signedIn.role()) {
            Map<String, Object> before = snapshot(user);
            user.changeRole(signedIn.role(), time.instant());
            cache.forgetUser(user.getName());
            audit.record(signedIn, AuditAction.USER_UPDATE, user.getName(), change(before, snapshot(user)));
        }
        return Optional.of(user);
    }

    /** Deletes the user, and their tokens, for {@code caller}; the last enabled admin stays. */
    public void delete(Identity caller, String name) {
        AppUser user = lockedOrNotFound(name);
        if (user.getRole() == Role.ADMIN) {
            requireAnotherAdmin(name);
        }
        Map<String, Object> before = snapshot(user);
        em.remove(user);
        cache.forgetUser(name);
        audit.record(caller, AuditAction.USER_DELETE, name, change(before, null));
    }

    /**
     * The user an export carried ({@code wanted}: name, password hash, role, flags), created or made so, for
     * {@code caller} (a state import); audited as a creation or a change, the hash masked. Returns whether it was created.
     */
    public boolean restore(Identity caller, AppUser wanted) {
        List<FieldError> errors = new ArrayList<>();
        if (wanted.getName() == null || !NAME.matcher(wanted.getName()).matches()) {
            errors.add(new FieldError("name", "1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"));
        } else if (RESERVED.contains(wanted.getName().toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("name", wanted.getName() + " is reserved: it names who acts without being a user"));
        }
        if (!wanted.isFromProvider() && (wanted.getPasswordHash() == null || wanted.getPasswordHash().isBlank())) {
            errors.add(new FieldError("password_hash", "required for a user who signs in with a password"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("User refused", errors);
        }
        AppUser user = em.find(AppUser.class, wanted.getName(), LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            em.persist(wanted);
            audit.record(caller, AuditAction.USER_CREATE, wanted.getName(), change(null, snapshot(wanted)));
            return true;
        }
        Map<String, Object> before = snapshot(user);
        user.takeOver(wanted, time.instant());
        cache.forgetUser(user.getName());
        audit.record(caller, AuditAction.USER_UPDATE, user.getName(), change(before, snapshot(user)));
        return false;
    }

    /** A user as the audit log compares it; the hash only tells a change of password, and is masked. */
    static Map<String, Object> snapshot(AppUser user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("role", user.getRole().id());
        fields.put("disabled", user.isDisabled());
        fields.put("must_change_password", user.isMustChangePassword());
        fields.put("password", user.getPasswordHash());
        fields.put("signs_in_with", user.isFromProvider() ? AppUser.PROVIDER : AppUser.PASSWORD);
        return fields;
    }

    static Map<String, Object> change(Map<String, Object> before, Map<String, Object> after) {
        return AuditDiff.between(before, after).masked(AuditDiff.maskingFields("password")).details();
    }

    /** The user whose password this is, if enabled; as slow for an unknown name as for a wrong password. */
    public Optional<AppUser> withPassword(String name, String password) {
        Optional<AppUser> user = name == null || password == null || password.length() > MAX_PASSWORD_LENGTH
                ? Optional.empty() : find(name);
        boolean matches = hashing.matches(password == null ? "" : password, user.map(AppUser::getPasswordHash).orElse(null));
        return matches ? user.filter(found -> !found.isDisabled()) : Optional.empty();
    }

    private AppUser lockedOrNotFound(String name) {
        AppUser user = name == null ? null : em.find(AppUser.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new NotFoundException("User not found: " + name);
        }
        return user;
    }

    /** The last enabled admin stays: an installation nobody can administer is mended only in the database. */
    private void requireAnotherAdmin(String name) {
        boolean another = all().stream().anyMatch(user -> !user.getName().equals(name) && user.getRole() == Role.ADMIN
                && !user.isDisabled());
        if (!another) {
            throw new ConflictException(name + " is the last enabled admin: make another admin first");
        }
    }

    private static Optional<Role> role(String role, List<FieldError> errors) {
        Optional<Role> parsed = Role.of(role);
        if (parsed.isEmpty()) {
            errors.add(new FieldError("role", "one of viewer, operator, admin"));
        }
        return parsed;
    }

    private static void checkPassword(String password, List<FieldError> errors) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "at least " + MIN_PASSWORD_LENGTH + " characters"));
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            errors.add(new FieldError("password", "at most " + MAX_PASSWORD_LENGTH + " characters"));
        }
    }
}
