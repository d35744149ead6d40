package io.pendule.security.control;

import io.pendule.api.entity.ForbiddenException;
import io.pendule.security.entity.Identity;
import io.pendule.security.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

/**
 * The rules that depend on the data, checked in the control layer that the API and the pages share, so that a page
 * and its API twin never disagree: whatever makes a Pendule host execute code or read its files is an admin's.
 * <ul>
 * <li>writing a job whose executor is {@code shell}, before or after the change (an operator cannot turn a shell job
 * into an http one to take it over, nor the other way round), or deleting one;</li>
 * <li>an http job naming files of this host for TLS ({@code tlsRootCAsFile}, {@code tlsCertificateFile},
 * {@code tlsCertificateKeyFile}).</li>
 * </ul>
 * Running, cancelling, enabling or disabling an existing shell job is an operator's (Rundeck's split between running
 * and authoring). Each refusal is in the audit log (authz.denied), written apart from the refused change, which rolls
 * back. What a job's readers see of its secrets is decided here too ({@link #readsSecrets}).
 */
@ApplicationScoped
public class Authorizer {

    static final String SHELL = "shell";
    static final Set<String> HOST_FILE_KEYS = Set.of("tlsRootCAsFile", "tlsCertificateFile", "tlsCertificateKeyFile");

    @Inject
    AuditLog audit;

    /** Refuses, naming the job and why, a write the caller may not make; {@code before} is null for a new job. */
    public void requireMayWrite(Identity caller, String job, String executorBefore, String executorAfter,
                                Map<String, String> configAfter) {
        String why = whyAdminWrites(executorBefore, executorAfter, configAfter);
        if (why != null && !caller.may(Role.ADMIN)) {
            refuse(caller, job, "job " + job + ": " + why + " is an admin's; " + caller.name() + " is "
                    + caller.role().id() + (caller.kind() == Identity.Kind.ANONYMOUS ? " (use an admin's API token)" : ""));
        }
    }

    /** Refuses to delete a shell job for anyone but an admin. */
    public void requireMayDelete(Identity caller, String job, String executor) {
        if (SHELL.equals(executor) && !caller.may(Role.ADMIN)) {
            refuse(caller, job, "job " + job + ": deleting a shell job is an admin's; " + caller.name() + " is "
                    + caller.role().id());
        }
    }

    /**
     * Whether {@code reader} reads the secrets of a job's executor_config in clear through the API: an operator or an
     * admin, who may write the job anyway (and whose backups must restore it whole); a viewer reads them masked, as
     * every page shows them ({@code executors.control.SecretValues}).
     */
    public static boolean readsSecrets(Identity reader) {
        return reader.may(Role.OPERATOR);
    }

    private void refuse(Identity caller, String job, String why) {
        audit.denied(caller, job, why, Map.of("needed", Role.ADMIN_NAME, "role", caller.role().id()));
        throw new ForbiddenException(why);
    }

    /** Why a write needs an admin, or null when an operator may make it. */
    static String whyAdminWrites(String executorBefore, String executorAfter, Map<String, String> configAfter) {
        if (SHELL.equals(executorBefore) || SHELL.equals(executorAfter)) {
            return SHELL.equals(executorBefore) && !SHELL.equals(executorAfter) ? "changing a shell job" : "a shell job";
        }
        if (configAfter != null && configAfter.keySet().stream().anyMatch(HOST_FILE_KEYS::contains)) {
            return "naming this host's files for TLS (" + String.join(", ", HOST_FILE_KEYS) + ")";
        }
        return null;
    }
}
