package io.pendule.secrets.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.platform.Settings;
import io.pendule.secrets.entity.SecretProvider;
import io.pendule.secrets.entity.SecretUnavailable;
import io.pendule.secrets.entity.VaultSecretName;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * HashiCorp Vault's (or OpenBao's) KV v2 as a provider, when PENDULE_VAULT_ADDR is set: {@code path/to/secret#key} is
 * the key of the secret's data ({@code value} when no key is given). Settings that cannot be used (an unknown auth, a
 * missing CA file…) are said once at start and fail every run that asks Vault, rather than the node's start.
 */
@ApplicationScoped
public class VaultSecrets implements SecretSource {

    static final String NOT_CONFIGURED = "provider vault is not configured: set PENDULE_VAULT_ADDR";
    private static final Logger LOG = Logger.getLogger(VaultSecrets.class.getName());

    @Inject
    Settings settings;
    @Inject
    InstantSource time;

    private VaultClient client;
    /** Why the settings cannot be used; null when they can, or when Vault is not configured. */
    private String misconfigured;

    public VaultSecrets() {
    }

    VaultSecrets(Settings settings, InstantSource time) {
        this.settings = settings;
        this.time = time;
        start();
    }

    @PostConstruct
    void start() {
        Optional<String> address = settings.vaultAddr();
        if (address.isEmpty()) {
            return;
        }
        try {
            client = client(address.get(), settings, time);
            LOG.info(() -> "Secrets: vault at " + client.address() + ", KV v2 mount " + settings.vaultMount()
                    + settings.vaultNamespace().map(namespace -> ", namespace " + namespace).orElse("")
                    + ", auth " + client.auth().describe());
        } catch (IllegalStateException | IllegalArgumentException e) {
            misconfigured = e.getMessage();
            LOG.severe(() -> "Secrets: the vault settings cannot be used, runs that need vault fail: " + misconfigured);
        }
    }

    @Override
    public SecretProvider provider() {
        return SecretProvider.VAULT;
    }

    @Override
    public Optional<String> notConfigured() {
        return client == null && misconfigured == null ? Optional.of(NOT_CONFIGURED) : Optional.empty();
    }

    @Override
    public Optional<String> value(String name) {
        if (misconfigured != null) {
            throw new SecretUnavailable("secret " + name + " from vault: " + misconfigured);
        }
        if (client == null) {
            return Optional.empty();
        }
        VaultSecretName secret = VaultSecretName.of(name);
        try {
            return client.read(secret.path()).map(data -> data.get(secret.key())).filter(node -> !node.isNull())
                    .map(node -> text(node, secret));
        } catch (SecretUnavailable e) {
            throw new SecretUnavailable("secret " + name + " from vault: " + e.getMessage(), e);
        }
    }

    /** A string as it is, a number or a boolean as JSON writes it; an object or an array is no secret value. */
    private static String text(JsonNode node, VaultSecretName secret) {
        if (node.isContainerNode()) {
            throw new SecretUnavailable("key " + secret.key() + " of vault secret " + secret.path()
                    + " holds an object or an array, not a text");
        }
        return node.asText();
    }

    static VaultClient client(String address, Settings settings, InstantSource time) {
        URI uri = URI.create(address);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalStateException("PENDULE_VAULT_ADDR must be an http or https address, such as https://vault:8200");
        }
        String mount = settings.vaultMount().replaceAll("^/+|/+$", "");
        VaultSecretName.pathProblem(mount).ifPresent(problem -> {
            throw new IllegalStateException("PENDULE_VAULT_MOUNT: " + problem);
        });
        SSLContext tls = settings.vaultCaCert().map(VaultSecrets::trusting).orElse(null);
        return new VaultClient(uri, mount, settings.vaultNamespace().orElse(null), settings.vaultTimeout(), tls,
                auth(settings, time));
    }

    private static VaultAuth auth(Settings settings, InstantSource time) {
        switch (settings.vaultAuth().toLowerCase(Locale.ROOT)) {
            case "token" -> {
                if (settings.vaultToken().isPresent()) {
                    return VaultTokenAuth.of(settings.vaultToken().get());
                }
                return VaultTokenAuth.fromFile(settings.vaultTokenFile().orElseThrow(() -> new IllegalStateException(
                        "PENDULE_VAULT_AUTH=token needs PENDULE_VAULT_TOKEN or PENDULE_VAULT_TOKEN_FILE")));
            }
            case "kubernetes" -> {
                String role = settings.vaultK8sRole().orElseThrow(() -> new IllegalStateException(
                        "PENDULE_VAULT_AUTH=kubernetes needs PENDULE_VAULT_K8S_ROLE"));
                String mount = settings.vaultK8sMount().replaceAll("^/+|/+$", "");
                VaultSecretName.pathProblem(mount).ifPresent(problem -> {
                    throw new IllegalStateException("PENDULE_VAULT_K8S_MOUNT: " + problem);
                });
                return new VaultKubernetesAuth(mount, role, settings.vaultK8sTokenFile(), time);
            }
            default -> throw new IllegalStateException("PENDULE_VAULT_AUTH must be token or kubernetes");
        }
    }

    /** Like Vault's VAULT_CACERT: the file's CAs, in place of the JVM's. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("PENDULE_VAULT_CACERT: no PEM certificate in " + pem);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("PENDULE_VAULT_CACERT: no such file " + pem, e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("PENDULE_VAULT_CACERT: cannot use " + pem + ": " + e.getMessage(), e);
        }
    }
}
