package io.pendule.jobs.control;

import io.pendule.api.entity.UnavailableException;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Dkron's pause of new job submissions: while paused, jobs cannot be created or updated; scheduled jobs keep
 * running. Unlike Dkron's flag, which one node keeps in memory, this one is stored: it holds on every node and
 * across restarts.
 */
@Stateless
public class Submissions {

    private static final String READ = "SELECT setting FROM cluster_setting WHERE name = 'submissions_paused'";
    private static final String WRITE = "UPDATE cluster_setting SET setting = ?, updated_at = ? WHERE name = 'submissions_paused'";

    @PersistenceContext
    EntityManager em;

    public boolean paused() {
        return "true".equals(em.createNativeQuery(READ).getSingleResult());
    }

    public boolean pause(boolean paused) {
        em.createNativeQuery(WRITE)
                .setParameter(1, Boolean.toString(paused))
                .setParameter(2, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .executeUpdate();
        return paused;
    }

    public void requireOpen() {
        if (paused()) {
            throw new UnavailableException("New job submissions are currently paused");
        }
    }
}
