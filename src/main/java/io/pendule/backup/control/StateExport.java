package io.pendule.backup.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pendule.cluster.control.ClusterSettings;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.endpoints.entity.Endpoint;
import io.pendule.packs.control.Activations;
import io.pendule.packs.control.PackConfigs;
import io.pendule.packs.control.PackRegistry;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import io.pendule.platform.Json;
import io.pendule.secrets.control.SecretStore;
import io.pendule.secrets.entity.Sealed;
import io.pendule.secrets.entity.Secret;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.control.Users;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Identity;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * The whole state of a Pendule as one document (docs/operations.md, "Export and import"), each kind read from its
 * owner: packs with their stored archives, endpoints, both activation tables, pack configurations, users with their
 * password hashes, tokens with their hashes (not PENDULE_ADMIN_TOKEN's, each node's own configuration), stored secrets still encrypted, the cluster's settings. The jobs are the
 * jobs API's JSON, which the caller gives.
 */
@Stateless
public class StateExport {

    @Inject
    PackRegistry packs;
    @Inject
    Endpoints endpoints;
    @Inject
    Activations activations;
    @Inject
    PackConfigs configs;
    @Inject
    Users users;
    @Inject
    ApiTokens tokens;
    @Inject
    SecretStore secrets;
    @Inject
    ClusterSettings settings;

    /** The document, in one transaction (one consistent read), with {@code jobs} as the jobs API gives them. */
    public ObjectNode document(Identity caller, java.util.function.Supplier<ArrayNode> jobs, Instant at) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("version", StateDocumentReader.VERSION);
        document.put("exported_at", at.toString());
        document.set("jobs", jobs.get());
        ArrayNode packList = document.putArray("packs");
        for (PackVersion pack : packs.all()) {
            packList.addObject().put("name", pack.name()).put("version", pack.version()).put("type", pack.type().code())
                    .put("sha256", pack.sha256()).put("archive", Base64.getEncoder().encodeToString(packs.archive(pack)));
        }
        ArrayNode endpointList = document.putArray("endpoints");
        for (Endpoint endpoint : endpoints.all()) {
            endpointList.addObject().put("slug", endpoint.slug()).put("name", endpoint.name()).put("kind", endpoint.kind())
                    .put("url", endpoint.url()).put("credentials", endpoint.credentials());
        }
        ArrayNode cells = document.putArray("activations");
        for (Activation cell : activations.all()) {
            cells.addObject().put("type", cell.type().code()).put("pack", cell.pack()).put("slug", cell.slug());
        }
        ArrayNode configList = document.putArray("pack_configs");
        for (PackType type : PackType.values()) {
            for (PackConfigs.Stored config : configs.all(type)) {
                configList.addObject().put("type", type.code()).put("pack", config.id().pack())
                        .put("scope", config.id().scope().code()).put("target", config.id().target()).put("config", config.json());
            }
        }
        ArrayNode userList = document.putArray("users");
        for (AppUser user : users.all()) {
            userList.addObject().put("name", user.getName()).put("password_hash", user.getPasswordHash())
                    .put("role", user.getRole().id()).put("disabled", user.isDisabled())
                    .put("must_change_password", user.isMustChangePassword())
                    .put("signs_in_with", user.isFromProvider() ? AppUser.PROVIDER : AppUser.PASSWORD);
        }
        ArrayNode tokenList = document.putArray("tokens");
        for (ApiToken token : tokens.of(caller, true).stream()
                .filter(token -> !token.getId().equals(ApiTokens.BOOTSTRAP)).sorted(Comparator.comparing(ApiToken::getId)).toList()) {
            tokenList.addObject().put("id", token.getId()).put("name", token.getName()).put("owner", token.getOwner())
                    .put("role", token.getRole().id()).put("secret_sha256", token.getSecretSha256())
                    .put("created_at", text(token.getCreatedAt())).put("expires_at", text(token.getExpiresAt()))
                    .put("revoked_at", text(token.getRevokedAt()));
        }
        ArrayNode secretList = document.putArray("secrets");
        for (Secret secret : secrets.all()) {
            Sealed sealed = secret.sealed();
            secretList.addObject().put("name", secret.getName())
                    .put("ciphertext", Base64.getEncoder().encodeToString(sealed.ciphertext()))
                    .put("iv", Base64.getEncoder().encodeToString(sealed.iv())).put("key_id", sealed.keyId());
        }
        ObjectNode settingValues = document.putObject("settings");
        settings.all().forEach(settingValues::put);
        return document;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

}
