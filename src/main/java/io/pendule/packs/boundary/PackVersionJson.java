package io.pendule.packs.boundary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.packs.entity.PackFile;
import io.pendule.packs.entity.PackVersion;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A pack version as the API shows it; the one-version answer adds its properties.json, its Readme's text and whether
 * it has a Kibana export (readme absent when the pack has none).
 */
@JsonPropertyOrder({"name", "version", "type", "latest", "author", "description", "mainscript", "sha256", "size",
        "imported_at", "imported_by", "files", "properties", "readme", "kibana"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackVersionJson(String name, String version, String type, boolean latest, String author,
                              String description, String mainscript, String sha256, long size,
                              @JsonProperty("imported_at") Instant importedAt,
                              @JsonProperty("imported_by") String importedBy, List<PackFile> files,
                              Map<String, Object> properties, String readme,
                              Boolean kibana) {

    static PackVersionJson of(PackVersion pack, boolean latest) {
        return new PackVersionJson(pack.name(), pack.version(), pack.type().code(), latest, pack.author(),
                pack.description(), pack.mainscript(), pack.sha256(), pack.size(), pack.importedAt(), pack.importedBy(),
                pack.files(), null, null, null);
    }

    PackVersionJson withContent(Map<String, Object> properties, String readme, boolean kibana) {
        return new PackVersionJson(name, version, type, latest, author, description, mainscript, sha256, size,
                importedAt, importedBy, files, properties, readme, kibana);
    }
}
