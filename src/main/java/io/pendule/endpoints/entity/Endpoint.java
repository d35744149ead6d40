package io.pendule.endpoints.entity;

import java.time.Instant;

/**
 * An endpoint packs run against (a "point de terminaison"), known by its slug: a connection string or URL without
 * credentials, and the secret reference that gives them at run time (null when it needs none).
 */
public record Endpoint(String slug, String name, String kind, String url, String credentials, Instant createdAt,
                       Instant updatedAt, String updatedBy) {
}
