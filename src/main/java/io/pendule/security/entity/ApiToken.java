package io.pendule.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** An API token: its owner's, with a role no higher than theirs; only the SHA-256 of its secret is kept. */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.OF_OWNER, query = "SELECT t FROM ApiToken t WHERE t.owner = :owner ORDER BY t.createdAt, t.id")
@NamedQuery(name = ApiToken.ALL, query = "SELECT t FROM ApiToken t ORDER BY t.owner, t.createdAt, t.id")
@NamedQuery(name = ApiToken.BY_SECRET, query = "SELECT t FROM ApiToken t WHERE t.secretSha256 = :sha")
@NamedQuery(name = ApiToken.OF_OWNER_NAMED, query = "SELECT t FROM ApiToken t WHERE t.owner = :owner AND t.name = :name "
        + "AND t.revokedAt IS NULL")
public class ApiToken {

    public static final String OF_OWNER = "ApiToken.ofOwner";
    public static final String ALL = "ApiToken.all";
    public static final String BY_SECRET = "ApiToken.bySecret";
    public static final String OF_OWNER_NAMED = "ApiToken.ofOwnerNamed";

    @Id
    private String id;
    private String name;
    private String owner;
    private String role;
    @Column(name = "secret_sha256")
    private String secretSha256;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiToken() {
    }

    public ApiToken(String id, String name, String owner, Role role, String secretSha256, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.role = role.id();
        this.secretSha256 = secretSha256;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** A token as an export carried it (state import): its hash, never its text. */
    public static ApiToken restored(String id, String name, String owner, Role role, String secretSha256, Instant createdAt,
                                    Instant expiresAt, Instant revokedAt) {
        ApiToken token = new ApiToken(id, name, owner, role, secretSha256, createdAt, expiresAt);
        token.revokedAt = revokedAt;
        return token;
    }

    /** Takes every field an export carries from {@code other} (not its last use). */
    public void takeOver(ApiToken other) {
        name = other.name;
        owner = other.owner;
        role = other.role;
        secretSha256 = other.secretSha256;
        createdAt = other.createdAt;
        expiresAt = other.expiresAt;
        revokedAt = other.revokedAt;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getOwner() {
        return owner;
    }

    public Role getRole() {
        return Role.of(role).orElse(Role.VIEWER);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    /** A new secret for the same token (the start-up's PENDULE_ADMIN_TOKEN changed). */
    public void rotate(String newSecretSha256, Instant now) {
        secretSha256 = newSecretSha256;
        createdAt = now;
        revokedAt = null;
    }

    public String getSecretSha256() {
        return secretSha256;
    }

    public void usedAt(Instant now) {
        lastUsedAt = now;
    }
}
