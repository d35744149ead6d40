package io.pendule.security.control;

import io.pendule.database.control.Database;
import io.pendule.database.control.Jdbc;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.AuditFilter;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
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
 * <p>
 * A CDI bean, not an EJB: called once per change, an EJB's no-interface view cost an exception per call in Payara's
 * container (docs/benchmarks.md, Finding 7).
 */
@ApplicationScoped
public class AuditLog {

    /** Events of one transaction written together: a restore of 10,000 jobs writes 100 statements, not 10,000. */
    static final int BATCH = 100;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;
    @Resource
    TransactionSynchronizationRegistry transactions;
    @PersistenceContext
    EntityManager em;
    @Inject
    AuditWriter writer;

    /**
     * A change {@code caller} made, in the transaction that makes it: written with the transaction's other events,
     * by {@link #BATCH}, the last ones just before it commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Identity caller, AuditAction action, String target, Map<String, ?> details) {
        writer.event(caller, action, target, AuditEvent.Outcome.ALLOWED, details).ifPresent(this::pending);
    }

    /** A change {@code caller} was refused (authz.denied), in a transaction of its own: the refused one rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void denied(Identity caller, String target, String reason, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details == null ? Map.of() : details);
        all.put("reason", reason);
        writer.event(caller, AuditAction.AUTHZ_DENIED, target, AuditEvent.Outcome.DENIED, all).ifPresent(this::pending);
    }

    /** An event that changes nothing stored (a sign-in, a sign-out), in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void alone(Identity caller, AuditAction action, String target, AuditEvent.Outcome outcome, Map<String, ?> details) {
        writer.event(caller, action, target, outcome, details).ifPresent(this::pending);
    }

    private void pending(AuditEvent event) {
        TransactionEvents events = (TransactionEvents) transactions.getResource(TransactionEvents.class);
        if (events == null) {
            events = new TransactionEvents();
            transactions.putResource(TransactionEvents.class, events);
            transactions.registerInterposedSynchronization(events);
        }
        events.add(event);
    }

    /**
     * The events of the current JTA transaction, written on its connection (the container enlists it, the change's
     * statements share it) as they reach {@link #BATCH} and before the commit, then logged once it committed.
     */
    private final class TransactionEvents implements Synchronization {
        private final List<AuditEvent> written = new ArrayList<>();
        private final List<AuditEvent> unwritten = new ArrayList<>();

        void add(AuditEvent event) {
            unwritten.add(event);
            if (unwritten.size() >= BATCH) {
                write();
            }
        }

        private void write() {
            if (unwritten.isEmpty()) {
                return;
            }
            Jdbc.withConnection(dataSource, connection -> AuditWriter.insert(connection, unwritten));
            written.addAll(unwritten);
            unwritten.clear();
        }

        @Override
        public void beforeCompletion() {
            write();
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                written.forEach(event -> writer.mirror(Optional.of(event)));
            }
        }
    }

    /** The events {@code filter} selects, newest first (or oldest first), from the {@code start}-th, at most {@code count}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEvent> find(AuditFilter filter, boolean newestFirst, int start, int count) {
        String order = newestFirst ? " ORDER BY a.at DESC, a.id DESC" : " ORDER BY a.at, a.id";
        TypedQuery<AuditEvent> query = em.createQuery("SELECT a FROM AuditEvent a" + where(filter) + order, AuditEvent.class);
        bind(query, filter);
        return query.setFirstResult(start).setMaxResults(count).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
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
