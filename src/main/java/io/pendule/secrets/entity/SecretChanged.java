package io.pendule.secrets.entity;

/** A secret of the store was written or deleted on this node: its cached value is stale. */
public record SecretChanged(String name) {
}
