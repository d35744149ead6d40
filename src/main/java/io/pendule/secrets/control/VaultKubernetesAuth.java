package io.pendule.secrets.control;

import io.pendule.secrets.entity.SecretUnavailable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Vault's {@code kubernetes} auth: logs in as a role with the pod's service account token, read again at each login
 * since Kubernetes rotates it, and keeps the client token Vault answers until 2/3 of its lease, or until Vault refuses
 * it; then logs in again.
 */
final class VaultKubernetesAuth implements VaultAuth {

    private final String mount;
    private final String role;
    private final Path jwtFile;
    private final InstantSource time;
    private String token;
    /** When to log in again; null: the token has no lease (it does not expire). */
    private Instant renewAt;

    VaultKubernetesAuth(String mount, String role, Path jwtFile, InstantSource time) {
        this.mount = mount;
        this.role = role;
        this.jwtFile = jwtFile;
        this.time = time;
    }

    @Override
    public synchronized String token(VaultClient vault) {
        Instant now = time.instant();
        if (token == null || renewAt != null && !now.isBefore(renewAt)) {
            VaultClient.Login login = vault.login(mount, role, jwt());
            token = login.token();
            renewAt = login.lease().isZero() ? null : now.plus(login.lease().multipliedBy(2).dividedBy(3));
        }
        return token;
    }

    @Override
    public synchronized void refused(String refused) {
        if (refused.equals(token)) {
            token = null;
        }
    }

    @Override
    public String describe() {
        return "kubernetes role " + role + " at auth/" + mount;
    }

    private String jwt() {
        try {
            String jwt = Files.readString(jwtFile, StandardCharsets.UTF_8).strip();
            if (jwt.isEmpty()) {
                throw new SecretUnavailable("the service account token " + jwtFile + " is empty");
            }
            return jwt;
        } catch (IOException e) {
            throw new SecretUnavailable("the service account token " + jwtFile + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
