package io.pendule.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user: signs in to the dashboard, calls the API with HTTP Basic, owns API tokens. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = AppUser.ALL, query = "SELECT u FROM AppUser u ORDER BY u.name")
@NamedQuery(name = AppUser.COUNT, query = "SELECT COUNT(u) FROM AppUser u")
public class AppUser {

    public static final String ALL = "AppUser.all";
    public static final String COUNT = "AppUser.count";
    /** How a user signs in: with a password (a local user), or through the single sign-on provider. */
    public static final String PASSWORD = "password";
    public static final String PROVIDER = "oidc";

    @Id
    private String name;
    @Column(name = "password_hash")
    private String passwordHash;
    private String role;
    private boolean disabled;
    @Column(name = "must_change_password")
    private boolean mustChangePassword;
    @Column(name = "session_epoch")
    private int sessionEpoch;
    @Column(name = "signs_in_with")
    private String signsInWith = PASSWORD;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected AppUser() {
    }

    public AppUser(String name, String passwordHash, Role role, boolean mustChangePassword, Instant now) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.role = role.id();
        this.mustChangePassword = mustChangePassword;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A user the single sign-on provider vouches for, made at their first sign-in: no password, the provider's role. */
    public static AppUser ofProvider(String name, Role role, Instant now) {
        AppUser user = new AppUser(name, null, role, false, now);
        user.signsInWith = PROVIDER;
        return user;
    }

    /** A user as an export carried them (state import): the hash as it was, never a clear password. */
    public static AppUser restored(String name, String passwordHash, Role role, boolean disabled, boolean mustChangePassword,
                                   boolean fromProvider, Instant now) {
        AppUser user = new AppUser(name, passwordHash, role, mustChangePassword, now);
        user.disabled = disabled;
        user.signsInWith = fromProvider ? PROVIDER : PASSWORD;
        return user;
    }

    /** Takes every field an export carries from {@code other}; ends the user's sessions. */
    public void takeOver(AppUser other, Instant now) {
        passwordHash = other.passwordHash;
        role = other.role;
        disabled = other.disabled;
        mustChangePassword = other.mustChangePassword;
        signsInWith = other.signsInWith;
        changed(now);
    }

    public String getName() {
        return name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    /** The user's role; a role no longer known (a downgrade) reads as viewer, the least. */
    public Role getRole() {
        return Role.of(role).orElse(Role.VIEWER);
    }

    /** Whether the user signs in through the single sign-on provider (and has no password). */
    public boolean isFromProvider() {
        return PROVIDER.equals(signsInWith);
    }

    public boolean isDisabled() {
        return disabled;
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public int getSessionEpoch() {
        return sessionEpoch;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** A new password ends the user's sessions. */
    public void changePassword(String hash, boolean mustChange, Instant now) {
        passwordHash = hash;
        mustChangePassword = mustChange;
        changed(now);
    }

    /** Whether the user must change their password before doing anything else (an admin knows it). */
    public void requirePasswordChange(boolean mustChange, Instant now) {
        mustChangePassword = mustChange;
        changed(now);
    }

    public void changeRole(Role newRole, Instant now) {
        role = newRole.id();
        changed(now);
    }

    public void changeDisabled(boolean newDisabled, Instant now) {
        disabled = newDisabled;
        changed(now);
    }

    private void changed(Instant now) {
        sessionEpoch++;
        updatedAt = now;
    }
}
