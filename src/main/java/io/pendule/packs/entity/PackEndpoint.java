package io.pendule.packs.entity;

/**
 * The endpoint one execution of a pack job runs against, as its config carries it (the executor adds it for the
 * execution's target): {@code credentials} is the secret's value once the runner has resolved the reference, "" when
 * the endpoint has none.
 */
public record PackEndpoint(String slug, String name, String kind, String url, String credentials) {
}
