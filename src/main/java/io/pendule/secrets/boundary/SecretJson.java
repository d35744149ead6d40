package io.pendule.secrets.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.secrets.entity.Secret;

import java.time.Instant;

/** A secret as every answer shows it: its name and when and by whom it was written, never its value. */
@JsonPropertyOrder({"name", "created_at", "updated_at", "updated_by"})
public record SecretJson(String name, @JsonProperty("created_at") Instant createdAt,
                         @JsonProperty("updated_at") Instant updatedAt, @JsonProperty("updated_by") String updatedBy) {

    static SecretJson of(Secret secret) {
        return new SecretJson(secret.getName(), secret.getCreatedAt(), secret.getUpdatedAt(), secret.getUpdatedBy());
    }
}
