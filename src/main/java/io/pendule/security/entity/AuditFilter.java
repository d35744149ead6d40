package io.pendule.security.entity;

import java.time.Instant;

/**
 * Which audit events to read: each part null for any. {@code actor}, {@code target} and {@code action} match exactly;
 * {@code since} is inclusive, {@code until} exclusive.
 */
public record AuditFilter(String actor, String target, AuditAction action, Instant since, Instant until) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);
}
