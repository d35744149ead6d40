package io.pendule.executions.control;

import io.pendule.executions.entity.Execution;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** Reading a job's executions, newest first. */
@Stateless
public class ExecutionHistory {

    @PersistenceContext
    EntityManager em;

    public List<Execution> ofJob(String job, int first, int max) {
        return em.createQuery("SELECT e FROM Execution e WHERE e.jobName = :job ORDER BY e.scheduledAt DESC, e.id DESC",
                        Execution.class)
                .setParameter("job", job)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    public long countOfJob(String job) {
        return em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.jobName = :job", Long.class)
                .setParameter("job", job).getSingleResult();
    }

    public Optional<Execution> byId(long id) {
        return Optional.ofNullable(em.find(Execution.class, id));
    }
}
