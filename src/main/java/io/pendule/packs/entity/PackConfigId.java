package io.pendule.packs.entity;

/**
 * The key of a pack configuration, as HDM writes it in id_config: "pack:version" for the pack's external configuration
 * (pack_version set), "pack:slug" for its configuration on one endpoint (pack_version NULL).
 */
public record PackConfigId(PackType type, String pack, PackConfigScope scope, String target) {

    /** id_config, as stored. */
    public String idConfig() {
        return pack + ":" + target;
    }

    /** pack_version, as stored: the version, or null for an endpoint's configuration. */
    public String packVersion() {
        return scope == PackConfigScope.VERSION ? target : null;
    }

    public static PackConfigId ofVersion(PackType type, String pack, String version) {
        return new PackConfigId(type, pack, PackConfigScope.VERSION, version);
    }

    public static PackConfigId ofEndpoint(PackType type, String pack, String slug) {
        return new PackConfigId(type, pack, PackConfigScope.ENDPOINT, slug);
    }
}
