package io.pendule.jobs.control;

import io.pendule.clock.control.Clock;
import io.pendule.jobs.entity.Job;
import io.pendule.platform.ConflictException;
import io.pendule.platform.FieldError;
import io.pendule.platform.NotFoundException;
import io.pendule.platform.ValidationException;
import io.pendule.schedules.control.Schedules;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Job definitions: create or replace (Dkron's upsert), read, delete. */
@Stateless
public class JobService {

    @PersistenceContext
    EntityManager em;
    @Inject
    JobValidator validator;
    @Inject
    Schedules schedules;
    @Inject
    Clock clock;
    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Stores the definition, replacing any job of the same name but keeping its run history and counters, and
     * computes its next fire time in its time zone. Nothing is stored if anything is wrong.
     */
    public Job save(Job definition) {
        List<FieldError> problems = validator.problemsOf(definition);
        if (!problems.isEmpty()) {
            throw new ValidationException("Job validation failed", problems);
        }
        if (definition.isChild() && em.find(Job.class, definition.getParentJob()) == null) {
            throw new ValidationException("Job validation failed", "parent_job", "specified parent job not found: " + definition.getParentJob());
        }
        Instant now = Instant.now();
        Job job = em.find(Job.class, definition.getName(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            job = definition;
            job.setCreatedAt(now);
            em.persist(job);
        } else {
            job.redefineAs(definition);
        }
        job.setUpdatedAt(now);
        job.setNextFireAt(nextFireOf(job, now));
        em.flush();
        wakeTheClockAfterCommit(job.getNextFireAt());
        return job;
    }

    private void wakeTheClockAfterCommit(Instant due) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                clock.wakeUpFor(due);
            }
        });
    }

    private Instant nextFireOf(Job job, Instant now) {
        if (job.isDisabled() || job.isChild()) {
            return null;
        }
        return schedules.nextFire(job.getSchedule(), job.getTimezone(), job.getName(), now, job.getStartsAt(), job.getExpiresAt())
                .orElse(null);
    }

    public Optional<Job> find(String name) {
        return Optional.ofNullable(em.find(Job.class, name));
    }

    public Job get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("job not found: " + name));
    }

    public List<Job> all() {
        return em.createNamedQuery(Job.ALL, Job.class).getResultList();
    }

    public List<String> childrenOf(String name) {
        return em.createNamedQuery(Job.CHILDREN, String.class).setParameter("parent", name).getResultList();
    }

    /** Deletes the job and its executions; a job with children must lose them first. */
    public Job delete(String name) {
        Job job = em.find(Job.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new NotFoundException("job not found: " + name);
        }
        List<String> children = childrenOf(name);
        if (!children.isEmpty()) {
            throw new ConflictException("job " + name + " has dependent jobs " + children + ": delete them first");
        }
        em.remove(job);
        return job;
    }
}
