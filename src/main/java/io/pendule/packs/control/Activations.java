package io.pendule.packs.control;

import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.database.control.Database;
import io.pendule.database.control.Jdbc;
import io.pendule.endpoints.control.EndpointDependents;
import io.pendule.endpoints.control.Endpoints;
import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.MatrixNames;
import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The activation matrix, in HDM's own tables so that packs written for HDM read it unchanged:
 * {@code hdm_core_table_corr_db_mp (mp_key, db_key)} for metric packs, {@code hdm_core_table_corr_db_rp (rp_key, db_key)}
 * for rule packs, one row per cell (db_key = the endpoint's slug). Activating and deactivating are idempotent; each
 * change is audited.
 */
@Stateless
@LocalBean
@Local(EndpointDependents.class)
public class Activations implements EndpointDependents {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Inject
    Endpoints endpoints;
    @Inject
    AuditLog audit;
    @Inject
    PackRegistry registry;

    /** HDM's table of a type's cells and its pack column. */
    record Table(String name, String packColumn) {
        static Table of(PackType type) {
            return type == PackType.METRIC ? new Table("hdm_core_table_corr_db_mp", "mp_key")
                    : new Table("hdm_core_table_corr_db_rp", "rp_key");
        }
    }

    /** Every cell, metric packs first, then by pack and slug. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Activation> all() {
        List<Activation> cells = new ArrayList<>();
        for (PackType type : PackType.values()) {
            Table table = Table.of(type);
            cells.addAll(query("SELECT " + table.packColumn() + ", db_key FROM " + table.name() + " ORDER BY "
                    + table.packColumn() + ", db_key", statement -> {
            }, type));
        }
        return cells;
    }

    /** The slugs of the endpoints {@code pack} is activated on, sorted. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> endpointsOf(PackType type, String pack) {
        Table table = Table.of(type);
        return query("SELECT " + table.packColumn() + ", db_key FROM " + table.name() + " WHERE " + table.packColumn()
                + " = ? ORDER BY db_key", statement -> statement.setString(1, pack), type).stream().map(Activation::slug).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean active(PackType type, String pack, String slug) {
        Table table = Table.of(type);
        return !query("SELECT " + table.packColumn() + ", db_key FROM " + table.name() + " WHERE " + table.packColumn()
                + " = ? AND db_key = ?", statement -> {
            statement.setString(1, pack);
            statement.setString(2, slug);
        }, type).isEmpty();
    }

    /** Activates {@code pack} on {@code slug}; returns whether the cell was off (false: it was on already). */
    public boolean activate(Identity caller, PackType type, String pack, String slug) {
        checkName(pack);
        checkPack(type, pack);
        endpoints.find(slug).orElseThrow(() -> new NotFoundException("slug", "Endpoint not found: " + slug));
        Table table = Table.of(type);
        int added = update("INSERT INTO " + table.name() + " (" + table.packColumn() + ", db_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                statement -> {
                    statement.setString(1, pack);
                    statement.setString(2, slug);
                });
        if (added > 0) {
            audit.record(caller, AuditAction.ACTIVATION_CREATE, target(type, pack, slug), details(type, pack, slug));
        }
        return added > 0;
    }

    /** Deactivates {@code pack} on {@code slug}; returns whether the cell was on. */
    public boolean deactivate(Identity caller, PackType type, String pack, String slug) {
        checkName(pack);
        Table table = Table.of(type);
        int removed = update("DELETE FROM " + table.name() + " WHERE " + table.packColumn() + " = ? AND db_key = ?", statement -> {
            statement.setString(1, pack);
            statement.setString(2, slug);
        });
        if (removed > 0) {
            audit.record(caller, AuditAction.ACTIVATION_DELETE, target(type, pack, slug), details(type, pack, slug));
        }
        return removed > 0;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> usesOf(String slug) {
        List<String> uses = new ArrayList<>();
        for (PackType type : PackType.values()) {
            Table table = Table.of(type);
            query("SELECT " + table.packColumn() + ", db_key FROM " + table.name() + " WHERE db_key = ? ORDER BY "
                    + table.packColumn(), statement -> statement.setString(1, slug), type)
                    .forEach(cell -> uses.add("the activation of " + type.code() + " pack " + cell.pack()));
        }
        return uses;
    }

    @Override
    public void release(Identity caller, String slug) {
        for (Activation cell : all()) {
            if (cell.slug().equals(slug)) {
                deactivate(caller, cell.type(), cell.pack(), slug);
            }
        }
    }

    private static void checkName(String pack) {
        MatrixNames.packProblem(pack).ifPresent(problem -> {
            throw new ValidationException("Activation refused", "pack", problem);
        });
    }

    /**
     * A cell is switched on only for a pack of its type in the registry: 404 on {@code pack} for a pack never imported,
     * 400 on {@code type} for a pack of the other type. Switching off is not checked, so that a cell HDM or another tool
     * wrote for a pack Pendule does not have can be removed.
     */
    private void checkPack(PackType type, String pack) {
        PackVersion latest = registry.find(pack, null).orElseThrow(() -> new NotFoundException("pack",
                "Pack not found: " + pack + " is not in the registry (import it first: POST /v1/packs)"));
        if (latest.type() != type) {
            throw new ValidationException("Activation refused", "type", pack + " is a " + latest.type().code() + " pack, not a "
                    + type.code() + " pack");
        }
    }

    static String target(PackType type, String pack, String slug) {
        return type.code() + ":" + pack + ":" + slug;
    }

    private static Map<String, Object> details(PackType type, String pack, String slug) {
        return Map.of("type", type.code(), "pack", pack, "slug", slug);
    }

    private List<Activation> query(String sql, Jdbc.Parameters parameters, PackType type) {
        return Jdbc.query(dataSource, sql, parameters, rs -> new Activation(type, rs.getString(1), rs.getString(2)));
    }

    private int update(String sql, Jdbc.Parameters parameters) {
        return Jdbc.update(dataSource, sql, parameters);
    }
}
