package io.pendule.security.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.security.entity.ApiToken;

import java.time.Instant;

/** An API token as lists show it: never its secret, which only its creation answers ({@link CreatedTokenJson}). */
@JsonPropertyOrder({"id", "name", "owner", "role", "created_at", "expires_at", "last_used_at", "revoked_at"})
public record TokenJson(String id, String name, String owner, String role, @JsonProperty("created_at") Instant createdAt,
                        @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("last_used_at") Instant lastUsedAt,
                        @JsonProperty("revoked_at") Instant revokedAt) {

    static TokenJson of(ApiToken token) {
        return new TokenJson(token.getId(), token.getName(), token.getOwner(), token.getRole().id(), token.getCreatedAt(),
                token.getExpiresAt(), token.getLastUsedAt(), token.getRevokedAt());
    }
}
