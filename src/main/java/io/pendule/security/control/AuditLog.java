package io.pendule.security.control;

import io.pendule.database.control.Database;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.AuditFilter;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log of every change made through the API or the pages (docs/security.md): a change is recorded in its
 * own JTA transaction ({@link #record}, which requires one), so that no change exists without its event and a change
 * that rolls back leaves none. A refusal is recorded in a transaction of its own ({@link #denied}), since the refused
 * change rolls back, and so is a sign-in ({@link #alone}). Each event is also one JSON line in the log
 * {@link AuditWriter#LOGGER}, once committed. The JDBC transactions of runs and cancels use {@link AuditWriter}.
 */
@Stateless
public class AuditLog {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @PersistenceContext
    EntityManager em;
    @Inject
    AuditWriter writer;

    /** A change {@code caller} made, in the transaction that makes it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(Identity caller, AuditAction action, String target, Map<String, ?> details) {
        write(writer.event(caller, action, target, AuditEvent.Outcome.ALLOWED, details));
    }

    /** A change {@code caller} was refused (authz.denied), in a transaction of its own: the refused one rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void denied(Identity caller, String target, String reason, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details == null ? Map.of() : details);
        all.put("reason", reason);
        write(writer.event(caller, AuditAction.AUTHZ_DENIED, target, AuditEvent.Outcome.DENIED, all));
    }

    /** An event that changes nothing stored (a sign-in, a sign-out), in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void alone(Identity caller, AuditAction action, String target, AuditEvent.Outcome outcome, Map<String, ?> details) {
        write(writer.event(caller, action, target, outcome, details));
    }

    /** The connection of the current JTA transaction: the container enlists it, the change's statements share it. */
    private void write(Optional<AuditEvent> event) {
        if (event.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            AuditWriter.insert(connection, event.get());
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    writer.mirror(event);
                }
            }
        });
    }

    /** The events {@code filter} selects, newest first (or oldest first), from the {@code start}-th, at most {@code count}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AuditEvent> find(AuditFilter filter, boolean newestFirst, int start, int count) {
        String order = newestFirst ? " ORDER BY a.at DESC, a.id DESC" : " ORDER BY a.at, a.id";
        TypedQuery<AuditEvent> query = em.createQuery("SELECT a FROM AuditEvent a" + where(filter) + order, AuditEvent.class);
        bind(query, filter);
        return query.setFirstResult(start).setMaxResults(count).getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(AuditFilter filter) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(a) FROM AuditEvent a" + where(filter), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    private static String where(AuditFilter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.actor() != null) {
            conditions.add("a.actor = :actor");
        }
        if (filter.target() != null) {
            conditions.add("a.target = :target");
        }
        if (filter.action() != null) {
            conditions.add("a.action = :action");
        }
        if (filter.since() != null) {
            conditions.add("a.at >= :since");
        }
        if (filter.until() != null) {
            conditions.add("a.at < :until");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(TypedQuery<?> query, AuditFilter filter) {
        if (filter.actor() != null) {
            query.setParameter("actor", filter.actor());
        }
        if (filter.target() != null) {
            query.setParameter("target", filter.target());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action().code());
        }
        if (filter.since() != null) {
            query.setParameter("since", filter.since());
        }
        if (filter.until() != null) {
            query.setParameter("until", filter.until());
        }
    }
}
