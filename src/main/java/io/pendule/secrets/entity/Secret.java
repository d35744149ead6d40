package io.pendule.secrets.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Base64;

/** A secret of Pendule's store: its value only encrypted ({@link Sealed}), in base64 so that both databases keep it alike. */
@Entity
@Table(name = "secret")
@NamedQuery(name = Secret.ALL, query = "SELECT s FROM Secret s ORDER BY s.name")
public class Secret {

    public static final String ALL = "Secret.all";

    @Id
    private String name;
    private String ciphertext;
    private String iv;
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;

    protected Secret() {
    }

    public Secret(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    public void seal(Sealed sealed, Instant at, String by) {
        ciphertext = Base64.getEncoder().encodeToString(sealed.ciphertext());
        iv = Base64.getEncoder().encodeToString(sealed.iv());
        keyId = sealed.keyId();
        updatedAt = at;
        updatedBy = by;
    }

    public Sealed sealed() {
        return new Sealed(Base64.getDecoder().decode(ciphertext), Base64.getDecoder().decode(iv), keyId);
    }

    public String getName() {
        return name;
    }

    public String getKeyId() {
        return keyId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
