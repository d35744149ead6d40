package io.pendule.security.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pendule.platform.Json;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One event of the audit log (table {@code audit_event}): who (the actor, its kind, the token used), when, from where
 * (address, user agent), what (action, target), how it ended, and the details (a JSON object, secrets masked). Rows
 * are written with SQL in the transaction of the change (security.control.AuditLog); the entity is the read model.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    /** How the attempt ended: done, refused, or tried without effect. */
    public enum Outcome {
        ALLOWED, DENIED, FAILED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final int ACTOR_LENGTH = 200;
    static final int TARGET_LENGTH = 300;
    static final int ADDRESS_LENGTH = 64;
    static final int USER_AGENT_LENGTH = 512;

    @Id
    private Long id;
    private Instant at;
    private String actor;
    @Column(name = "actor_kind")
    private String actorKind;
    @Column(name = "token_id")
    private String tokenId;
    @Column(name = "remote_addr")
    private String remoteAddr;
    @Column(name = "user_agent")
    private String userAgent;
    private String action;
    private String target;
    private String outcome;
    private String details;

    protected AuditEvent() {
    }

    /** A new event by {@code caller}; its id is the database's, given when it is written. */
    public AuditEvent(Identity caller, Instant at, AuditAction action, String target, Outcome outcome,
                      Map<String, ?> details) {
        this.at = at;
        this.actor = cut(caller.name(), ACTOR_LENGTH);
        this.actorKind = caller.kind().name().toLowerCase(Locale.ROOT);
        this.tokenId = caller.tokenId();
        this.remoteAddr = cut(caller.address(), ADDRESS_LENGTH);
        this.userAgent = cut(caller.userAgent(), USER_AGENT_LENGTH);
        this.action = action.code();
        this.target = cut(target == null ? "" : target, TARGET_LENGTH);
        this.outcome = outcome.code();
        this.details = Json.write(details == null ? Map.of() : details);
    }

    /** The event as the API shows it and the log line says it: snake_case names, the details as an object. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (id != null) {
            fields.put("id", id);
        }
        fields.put("at", at.toString());
        fields.put("actor", actor);
        fields.put("actor_kind", actorKind);
        fields.put("token_id", tokenId);
        fields.put("remote_addr", remoteAddr);
        fields.put("user_agent", userAgent);
        fields.put("action", action);
        fields.put("target", target);
        fields.put("outcome", outcome);
        try {
            fields.put("details", details == null ? Map.of() : Json.MAPPER.readTree(details));
        } catch (JsonProcessingException e) {
            fields.put("details", details);
        }
        return fields;
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public String getActorKind() { return actorKind; }
    public String getTokenId() { return tokenId; }
    public String getRemoteAddr() { return remoteAddr; }
    public String getUserAgent() { return userAgent; }
    public String getAction() { return action; }
    public String getTarget() { return target; }
    public String getOutcome() { return outcome; }
    public String getDetails() { return details; }
}
