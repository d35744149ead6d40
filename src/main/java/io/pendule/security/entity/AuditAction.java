package io.pendule.security.entity;

import java.util.Arrays;
import java.util.Optional;

/** What an audit event records; its code ("job.create") is what the table, the API and the log line hold. */
public enum AuditAction {
    JOB_CREATE("job.create"),
    JOB_UPDATE("job.update"),
    JOB_DELETE("job.delete"),
    JOB_RUN("job.run"),
    JOB_TOGGLE("job.toggle"),
    JOB_CANCEL("job.cancel"),
    JOB_CLEAR("job.clear"),
    JOB_RESTORE("job.restore"),
    SCHEDULER_PAUSE("scheduler.pause"),
    SCHEDULER_RESUME("scheduler.resume"),
    SUBMISSIONS_PAUSE("submissions.pause"),
    SUBMISSIONS_RESUME("submissions.resume"),
    NODE_LEAVE("node.leave"),
    USER_CREATE("user.create"),
    USER_UPDATE("user.update"),
    USER_DELETE("user.delete"),
    TOKEN_CREATE("token.create"),
    TOKEN_REVOKE("token.revoke"),
    SECRET_CREATE("secret.create"),
    SECRET_UPDATE("secret.update"),
    SECRET_DELETE("secret.delete"),
    SECRET_ROTATE("secret.rotate"),
    PACK_IMPORT("pack.import"),
    PACK_DELETE("pack.delete"),
    ENDPOINT_CREATE("endpoint.create"),
    ENDPOINT_UPDATE("endpoint.update"),
    ENDPOINT_DELETE("endpoint.delete"),
    ACTIVATION_CREATE("activation.create"),
    ACTIVATION_DELETE("activation.delete"),
    PACK_CONFIG_CREATE("pack_config.create"),
    PACK_CONFIG_UPDATE("pack_config.update"),
    PACK_CONFIG_DELETE("pack_config.delete"),
    TOKEN_UPDATE("token.update"),
    TOKEN_DELETE("token.delete"),
    STATE_EXPORT("state.export"),
    STATE_IMPORT("state.import"),
    LOGIN_SUCCESS("login.success"),
    LOGIN_FAILURE("login.failure"),
    LOGOUT("logout"),
    AUTHZ_DENIED("authz.denied");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AuditAction> ofCode(String code) {
        return Arrays.stream(values()).filter(action -> action.code.equals(code)).findFirst();
    }
}
