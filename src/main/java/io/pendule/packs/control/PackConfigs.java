package io.pendule.packs.control;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.NotFoundException;
import io.pendule.database.control.Database;
import io.pendule.database.control.Jdbc;
import io.pendule.endpoints.control.EndpointDependents;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.packs.entity.PackConfigId;
import io.pendule.packs.entity.PackConfigScope;
import io.pendule.packs.entity.PackType;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packs' configurations in HDM's tables {@code hdm_pack_metric_conf} and {@code hdm_pack_rule_conf}: id_config
 * "pack:version" with pack_version set (a pack version's external configuration) or "pack:slug" with pack_version
 * NULL (the pack's configuration on one endpoint), pack_config the base64 of the JSON text. Read and written here as
 * plain JSON ({@link PackConfigJson}); each change audited with the SHA-256 and length of the text before and after,
 * not the text, which the audit log's line would otherwise copy into the server log.
 */
@Stateless
@LocalBean
@Local(EndpointDependents.class)
public class PackConfigs implements EndpointDependents {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Endpoints endpoints;
    @Inject
    AuditLog audit;
    @Inject
    PackRegistry registry;

    /** A stored configuration: its id and its JSON text. */
    public record Stored(PackConfigId id, String json) {
    }

    static String table(PackType type) {
        return type == PackType.METRIC ? "hdm_pack_metric_conf" : "hdm_pack_rule_conf";
    }

    /** A pack version's external configuration ("pack:version"), decoded. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> packConfig(PackType type, String pack, String version) {
        return find(PackConfigId.ofVersion(type, pack, version)).map(Stored::json);
    }

    /** The pack's configuration on one endpoint ("pack:slug"), decoded. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> endpointConfig(PackType type, String pack, String slug) {
        return find(PackConfigId.ofEndpoint(type, pack, slug)).map(Stored::json);
    }

    /** The configuration {@code id} names, of its scope (a version's row is not an endpoint's of the same id). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Stored> find(PackConfigId id) {
        return rows("SELECT id_config, pack_name, pack_version, pack_config FROM " + table(id.type()) + " WHERE id_config = ?",
                id.type(), id.idConfig()).stream().filter(row -> row.id().scope() == id.scope()).findFirst();
    }

    /** Every configuration of {@code type}, by id. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Stored> all(PackType type) {
        return rows("SELECT id_config, pack_name, pack_version, pack_config FROM " + table(type) + " ORDER BY id_config", type, null);
    }

    /**
     * Stores {@code json} (checked by {@link PackConfigJson} and the pack's schema) under {@code id}; an endpoint's
     * configuration needs the endpoint. Returns whether it was created.
     */
    public boolean put(Identity caller, PackConfigId id, String json) {
        String checked = PackConfigJson.checked(json, schemaOf(id), "body");
        if (id.scope() == PackConfigScope.ENDPOINT) {
            endpoints.find(id.target()).orElseThrow(() -> new NotFoundException("id_config", "Endpoint not found: " + id.target()));
        }
        Optional<Stored> before = locked(id);
        if (before.isPresent() && before.get().id().scope() != id.scope()) {
            throw new ConflictException("id_config " + id.idConfig() + " is stored as the configuration of "
                    + (before.get().id().scope() == PackConfigScope.VERSION ? "a version" : "an endpoint") + ": delete it first");
        }
        String encoded = PackConfigJson.encoded(checked);
        int inserted = before.isPresent() ? 0 : update("INSERT INTO " + table(id.type())
                + " (id_config, pack_name, pack_version, pack_config) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", statement -> {
                    statement.setString(1, id.idConfig());
                    statement.setString(2, id.pack());
                    statement.setString(3, id.packVersion());
                    statement.setString(4, encoded);
                });
        if (inserted == 0) { // replaced, also a row this class cannot read (written by hand, not base64)
            update("UPDATE " + table(id.type()) + " SET pack_config = ? WHERE id_config = ?", statement -> {
                statement.setString(1, encoded);
                statement.setString(2, id.idConfig());
            });
        }
        audit.record(caller, before.isEmpty() ? AuditAction.PACK_CONFIG_CREATE : AuditAction.PACK_CONFIG_UPDATE, target(id),
                details(id, before.map(Stored::json).orElse(null), checked));
        return before.isEmpty();
    }

    /** Deletes the configuration {@code id} names; 404 when there is none. */
    public Stored delete(Identity caller, PackConfigId id) {
        Stored stored = locked(id).filter(row -> row.id().scope() == id.scope())
                .orElseThrow(() -> new NotFoundException("Pack configuration not found: " + id.type().code() + " " + id.idConfig()));
        update("DELETE FROM " + table(id.type()) + " WHERE id_config = ?", statement -> statement.setString(1, id.idConfig()));
        audit.record(caller, AuditAction.PACK_CONFIG_DELETE, target(id), details(id, stored.json(), null));
        return stored;
    }

    /**
     * The schema a configuration must meet: the config-schema.json of the version a "pack:version" names, of the latest
     * version for a "pack:slug"; none when that version is not in the registry (HDM's rows) or has no schema.
     */
    PackConfigSchema schemaOf(PackConfigId id) {
        return registry.find(id.pack(), id.scope() == PackConfigScope.VERSION ? id.target() : null)
                .filter(pack -> pack.type() == id.type())
                .map(pack -> PackLayout.configSchema(registry.content(pack))).orElse(PackConfigSchema.NONE);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> usesOf(String slug) {
        List<String> uses = new ArrayList<>();
        for (PackType type : PackType.values()) {
            all(type).stream().filter(row -> row.id().scope() == PackConfigScope.ENDPOINT && row.id().target().equals(slug))
                    .forEach(row -> uses.add("the configuration of " + type.code() + " pack " + row.id().pack()));
        }
        return uses;
    }

    @Override
    public void release(Identity caller, String slug) {
        for (PackType type : PackType.values()) {
            for (Stored row : all(type)) {
                if (row.id().scope() == PackConfigScope.ENDPOINT && row.id().target().equals(slug)) {
                    delete(caller, row.id());
                }
            }
        }
    }

    static String target(PackConfigId id) {
        return id.type().code() + ":" + id.idConfig();
    }

    /** The change as the audit log keeps it: the id's parts, and each side's SHA-256 and length, never the text. */
    static Map<String, Object> details(PackConfigId id, String before, String after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", id.type().code());
        details.put("id_config", id.idConfig());
        details.put("scope", id.scope().code());
        if (before != null) {
            details.put("before", fingerprint(before));
        }
        if (after != null) {
            details.put("after", fingerprint(after));
        }
        return details;
    }

    static Map<String, Object> fingerprint(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            return Map.of("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), "bytes", bytes.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Stored> locked(PackConfigId id) {
        return rows("SELECT id_config, pack_name, pack_version, pack_config FROM " + table(id.type()) + " WHERE id_config = ? FOR UPDATE",
                id.type(), id.idConfig()).stream().findFirst();
    }

    /** The rows; one whose id_config is not "pack:…" (written by hand) or whose pack_config is not base64 is skipped. */
    private List<Stored> rows(String sql, PackType type, String idConfig) {
        return Jdbc.query(dataSource, sql, statement -> {
            if (idConfig != null) {
                statement.setString(1, idConfig);
            }
        }, rs -> stored(type, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .stream().flatMap(Optional::stream).toList();
    }

    private static Optional<Stored> stored(PackType type, String idConfig, String packName, String packVersion, String config) {
        int colon = idConfig.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String pack = packName != null ? packName : idConfig.substring(0, colon);
        String target = idConfig.substring(colon + 1);
        PackConfigId id = new PackConfigId(type, pack, packVersion == null ? PackConfigScope.ENDPOINT : PackConfigScope.VERSION, target);
        try {
            return Optional.of(new Stored(id, config == null ? "" : PackConfigJson.decoded(config)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private int update(String sql, Jdbc.Parameters parameters) {
        return Jdbc.update(dataSource, sql, parameters);
    }
}
