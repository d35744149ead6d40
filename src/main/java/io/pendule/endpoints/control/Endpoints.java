package io.pendule.endpoints.control;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.database.control.Database;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.endpoints.entity.Endpoint;
import io.pendule.endpoints.entity.EndpointDraft;
import io.pendule.endpoints.entity.EndpointSlug;
import io.pendule.secrets.control.SecretResolver;
import io.pendule.security.control.AuditDiff;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints packs run against, the one owner of table {@code endpoint}: checked by {@link EndpointRules} (nothing
 * stored on any problem), every change audited. An endpoint that the matrix or a configuration still names is not
 * deleted unless the caller asks to cascade ({@link EndpointDependents}).
 */
@Stateless
public class Endpoints {

    static final String COLUMNS = "slug, name, kind, url, credentials, created_at, updated_at, updated_by";

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Inject
    AuditLog audit;
    @Inject
    InstantSource time;
    @Inject
    SecretResolver secrets;
    @Inject
    @Any
    Instance<EndpointDependents> dependents;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Endpoint> all() {
        return query("SELECT " + COLUMNS + " FROM endpoint ORDER BY slug", null);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Endpoint> find(String slug) {
        if (!EndpointSlug.valid(slug)) {
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM endpoint WHERE slug = ?", slug).stream().findFirst();
    }

    /** A new endpoint; 409 when the slug is taken. */
    public Endpoint create(Identity caller, EndpointDraft draft) {
        EndpointDraft checked = checked(draft);
        Instant now = time.instant();
        Endpoint endpoint = new Endpoint(checked.slug(), checked.name(), checked.kind(), checked.url(), checked.credentials(),
                now, now, caller.name());
        int inserted = update("INSERT INTO endpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                statement -> {
                    bind(statement, endpoint);
                    SqlTime.set(statement, 6, now);
                    SqlTime.set(statement, 7, now);
                    statement.setString(8, caller.name());
                });
        if (inserted == 0) {
            throw new ConflictException("an endpoint " + endpoint.slug() + " exists already: PUT /v1/endpoints/"
                    + endpoint.slug() + " replaces it");
        }
        audit.record(caller, AuditAction.ENDPOINT_CREATE, endpoint.slug(), AuditDiff.between(null, fields(endpoint)).details());
        return endpoint;
    }

    /** The endpoint {@code slug} replaced by {@code draft}, or created; returns whether it was created. */
    public boolean put(Identity caller, String slug, EndpointDraft draft) {
        if (draft.slug() != null && !draft.slug().equals(slug)) {
            throw new ValidationException("Endpoint refused", "slug", "the body names another endpoint than the path ("
                    + slug + "): rename by creating the new one and deleting this one");
        }
        EndpointDraft checked = checked(new EndpointDraft(slug, draft.name(), draft.kind(), draft.url(), draft.credentials()));
        Optional<Endpoint> before = locked(slug);
        if (before.isEmpty()) {
            create(caller, checked);
            return true;
        }
        Instant now = time.instant();
        update("UPDATE endpoint SET name = ?, kind = ?, url = ?, credentials = ?, updated_at = ?, updated_by = ? WHERE slug = ?",
                statement -> {
                    statement.setString(1, checked.name());
                    statement.setString(2, checked.kind());
                    statement.setString(3, checked.url());
                    statement.setString(4, checked.credentials());
                    SqlTime.set(statement, 5, now);
                    statement.setString(6, caller.name());
                    statement.setString(7, slug);
                });
        Endpoint after = new Endpoint(slug, checked.name(), checked.kind(), checked.url(), checked.credentials(),
                before.get().createdAt(), now, caller.name());
        audit.record(caller, AuditAction.ENDPOINT_UPDATE, slug, AuditDiff.between(fields(before.get()), fields(after)).details());
        return false;
    }

    /**
     * Deletes the endpoint; 409 listing what still names it (activations, configurations) unless {@code cascade},
     * which removes those with it, each audited.
     */
    public Endpoint delete(Identity caller, String slug, boolean cascade) {
        Endpoint endpoint = locked(slug).orElseThrow(() -> new NotFoundException("Endpoint not found: " + slug));
        List<String> uses = new ArrayList<>();
        dependents.forEach(dependent -> uses.addAll(dependent.usesOf(slug)));
        if (!uses.isEmpty()) {
            if (!cascade) {
                throw new ConflictException("endpoint " + slug + " is still used by " + String.join(", ", uses)
                        + ": remove those first, or delete with ?cascade=true to remove them with it");
            }
            dependents.forEach(dependent -> dependent.release(caller, slug));
        }
        update("DELETE FROM endpoint WHERE slug = ?", statement -> statement.setString(1, slug));
        Map<String, Object> details = AuditDiff.between(fields(endpoint), null).details();
        if (!uses.isEmpty()) {
            details = new LinkedHashMap<>(details);
            details.put("cascaded", uses);
        }
        audit.record(caller, AuditAction.ENDPOINT_DELETE, slug, details);
        return endpoint;
    }

    private EndpointDraft checked(EndpointDraft draft) {
        String name = draft.name() == null || draft.name().isBlank() ? draft.slug() : draft.name().strip();
        String credentials = draft.credentials() == null || draft.credentials().isBlank() ? null : draft.credentials().strip();
        EndpointDraft normalized = new EndpointDraft(draft.slug(), name, draft.kind(), draft.url() == null ? null : draft.url().strip(),
                credentials);
        List<FieldError> errors = EndpointRules.problems(normalized, secrets::problemOfText);
        if (!errors.isEmpty()) {
            throw new ValidationException("Endpoint refused", errors);
        }
        return normalized;
    }

    private Optional<Endpoint> locked(String slug) {
        if (!EndpointSlug.valid(slug)) {
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM endpoint WHERE slug = ? FOR UPDATE", slug).stream().findFirst();
    }

    static Map<String, Object> fields(Endpoint endpoint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("slug", endpoint.slug());
        fields.put("name", endpoint.name());
        fields.put("kind", endpoint.kind());
        fields.put("url", endpoint.url());
        fields.put("credentials", endpoint.credentials());
        return fields;
    }

    private static void bind(java.sql.PreparedStatement statement, Endpoint endpoint) throws SQLException {
        statement.setString(1, endpoint.slug());
        statement.setString(2, endpoint.name());
        statement.setString(3, endpoint.kind());
        statement.setString(4, endpoint.url());
        statement.setString(5, endpoint.credentials());
    }

    private List<Endpoint> query(String sql, String slug) {
        return Jdbc.query(dataSource, sql, statement -> {
            if (slug != null) {
                statement.setString(1, slug);
            }
        }, Endpoints::read);
    }

    private int update(String sql, Jdbc.Parameters parameters) {
        return Jdbc.update(dataSource, sql, parameters);
    }

    private static Endpoint read(ResultSet rs) throws SQLException {
        return new Endpoint(rs.getString("slug"), rs.getString("name"), rs.getString("kind"), rs.getString("url"),
                rs.getString("credentials"), SqlTime.get(rs, "created_at"), SqlTime.get(rs, "updated_at"),
                rs.getString("updated_by"));
    }
}
