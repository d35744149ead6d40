package io.pendule.endpoints.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.endpoints.entity.Endpoint;

import java.time.Instant;

/**
 * An endpoint as every answer shows it: its credentials as the secret reference stored (which names a secret, and is
 * no secret), never a resolved value.
 */
@JsonPropertyOrder({"slug", "name", "kind", "url", "credentials", "created_at", "updated_at", "updated_by"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EndpointJson(String slug, String name, String kind, String url, String credentials,
                           @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
                           @JsonProperty("updated_by") String updatedBy) {

    static EndpointJson of(Endpoint endpoint) {
        return new EndpointJson(endpoint.slug(), endpoint.name(), endpoint.kind(), endpoint.url(), endpoint.credentials(),
                endpoint.createdAt(), endpoint.updatedAt(), endpoint.updatedBy());
    }
}
