package io.pendule.backup.entity;

import io.pendule.endpoints.entity.EndpointDraft;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackType;
import io.pendule.secrets.entity.Sealed;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;

import java.util.List;
import java.util.Map;

/** What a document to import holds, read and checked, but for its jobs (read by the jobs' own reader). */
public record ImportedState(List<PackArchive> packs, List<EndpointDraft> endpoints, List<Activation> activations,
                            List<PackConfig> packConfigs, List<AppUser> users, List<ApiToken> tokens,
                            List<SealedSecret> secrets, Map<String, Boolean> settings) {

    /** A pack version: its stored (normalized) archive, and the sha256 it must have. */
    public record PackArchive(String name, String version, PackType type, String sha256, byte[] archive) {
        public String key() {
            return name + ":" + version;
        }
    }

    /** A pack configuration: its id and its JSON text. */
    public record PackConfig(PackConfigId id, String json) {
    }

    /** A stored secret, still encrypted. */
    public record SealedSecret(String name, Sealed sealed) {
    }
}
