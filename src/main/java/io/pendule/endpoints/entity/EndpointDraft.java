package io.pendule.endpoints.entity;

/** An endpoint as a request gives it, before it is checked: any field may be missing or wrong. */
public record EndpointDraft(String slug, String name, String kind, String url, String credentials) {
}
