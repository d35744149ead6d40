package io.pendule.secrets.control;

/** How Pendule gets the token it reads Vault with: {@link VaultTokenAuth} or {@link VaultKubernetesAuth}. */
interface VaultAuth {

    /** The token to send now; logs in first when there is none or it is about to expire. Never logged. */
    String token(VaultClient vault);

    /** Vault refused {@code token} (403): the next {@link #token} gets another one, where it can. */
    void refused(String token);

    /** How the docs and the start's log name it: "token", "kubernetes role R". */
    String describe();
}
