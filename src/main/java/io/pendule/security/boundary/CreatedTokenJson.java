package io.pendule.security.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.entity.ApiToken;

import java.time.Instant;

/** A token just made, with its text: the only answer that ever holds it. */
@JsonPropertyOrder({"id", "name", "owner", "role", "token", "created_at", "expires_at"})
public record CreatedTokenJson(String id, String name, String owner, String role, String token,
                               @JsonProperty("created_at") Instant createdAt, @JsonProperty("expires_at") Instant expiresAt) {

    static CreatedTokenJson of(ApiTokens.Created created) {
        ApiToken token = created.token();
        return new CreatedTokenJson(token.getId(), token.getName(), token.getOwner(), token.getRole().id(), created.text(),
                token.getCreatedAt(), token.getExpiresAt());
    }

    /** Not the secret: a record's text would otherwise print it wherever it is logged. */
    @Override
    public String toString() {
        return "CreatedTokenJson[id=" + id + ", name=" + name + ", owner=" + owner + ", role=" + role + "]";
    }
}
