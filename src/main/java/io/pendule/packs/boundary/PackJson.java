package io.pendule.packs.boundary;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** A pack as the list shows it: its name, type, latest version and every version, the latest first. */
@JsonPropertyOrder({"name", "type", "latest", "versions"})
public record PackJson(String name, String type, String latest, List<String> versions) {
}
