package io.pendule.endpoints.entity;

import java.util.List;

/**
 * What an endpoint is, so that a pack knows which driver to use: one of a known list (docs/packs-matrix.md), "other"
 * for anything else. A closed list catches typos ("postgress") that a pack would only meet at run time.
 */
public final class EndpointKind {

    public static final List<String> KNOWN = List.of("postgresql", "mysql", "mariadb", "oracle", "sqlserver", "db2",
            "sqlite", "mongodb", "cassandra", "redis", "elasticsearch", "opensearch", "kafka", "http", "https", "ldap",
            "ssh", "other");

    private EndpointKind() {
    }

    public static boolean known(String kind) {
        return KNOWN.contains(kind);
    }
}
