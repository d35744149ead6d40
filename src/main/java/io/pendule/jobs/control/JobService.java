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
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Job definitions: create or replace (Dkron's upsert), toggle, restore, read, delete, clear history. */
@Stateless
public class JobService {

    /** Chains deeper than this are not walked up for cycles; nobody chains 1000 jobs. */
    private static final int MAX_DEPTH = 1000;

    @PersistenceContext
    EntityManager em;
    @Inject
    JobValidator validator;
    @Inject
    Schedules schedules;
    @Inject
    Clock clock;
    @Inject
    Submissions submissions;
    @Inject
    JobHistory history;
    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Stores the definition, replacing any job of the same name but keeping its run history, and computes its next
     * fire time in its time zone. Nothing is stored if anything is wrong, or while submissions are paused.
     */
    public Job save(Job definition) {
        submissions.requireOpen();
        return store(definition);
    }

    /**
     * Dkron's restore: every job is checked first, then all are stored, parents before children, in one
     * transaction, so a bad file changes nothing. Answers Dkron's "success create name" lines.
     */
    public List<String> restore(List<Job> definitions) {
        List<Job> ordered = RestoreOrder.parentsFirst(definitions, name -> find(name).isPresent());
        List<FieldError> problems = new ArrayList<>();
        for (Job job : ordered) {
            validator.problemsOf(job).forEach(p -> problems.add(new FieldError(job.getName() + "." + p.field(), p.message())));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Restore refused, nothing was changed", problems);
        }
        return ordered.stream().map(this::store).map(job -> "success create " + job.getName()).toList();
    }

    private Job store(Job definition) {
        List<FieldError> problems = validator.problemsOf(definition);
        if (!problems.isEmpty()) {
            throw new ValidationException("Job validation failed", problems);
        }
        if (definition.isChild()) {
            checkParent(definition);
        }
        Instant now = Instant.now();
        Job job = em.find(Job.class, definition.getName(), LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            job = definition;
            job.setCreatedAt(now);
            em.persist(job);
        } else {
            job.redefineAs(definition);
            em.flush();
            if (history.moveForwardTo(job, definition)) {
                em.refresh(job);
            }
        }
        return scheduled(job, now);
    }

    /** The parent must exist, and the job must not be among its ancestors (parents never form a cycle). */
    private void checkParent(Job definition) {
        Job ancestor = em.find(Job.class, definition.getParentJob());
        if (ancestor == null) {
            throw new NotFoundException("parent_job", "specified parent job not found: " + definition.getParentJob());
        }
        for (int depth = 0; ancestor != null && depth < MAX_DEPTH; depth++) {
            if (ancestor.getName().equals(definition.getName())) {
                throw new ValidationException("Job validation failed", "parent_job",
                        definition.getParentJob() + " depends on " + definition.getName() + ": parents would form a cycle");
            }
            ancestor = ancestor.isChild() ? em.find(Job.class, ancestor.getParentJob()) : null;
        }
    }

    /** Flips disabled, as Dkron's toggle; a paused cluster still lets jobs be switched off and on. */
    public Job toggle(String name) {
        Job job = locked(name);
        job.setDisabled(!job.isDisabled());
        return scheduled(job, Instant.now());
    }

    private Job scheduled(Job job, Instant now) {
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

    private Job locked(String name) {
        Job job = em.find(Job.class, name, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new NotFoundException("job not found: " + name);
        }
        return job;
    }

    public List<String> childrenOf(String name) {
        return em.createNamedQuery(Job.CHILDREN, String.class).setParameter("parent", name).getResultList();
    }

    /** Deletes the job and its executions; a job with children must lose them first. */
    public Job delete(String name) {
        Job job = locked(name);
        List<String> children = childrenOf(name);
        if (!children.isEmpty()) {
            throw new ConflictException("job " + name + " has dependent jobs " + children + ": delete them first");
        }
        em.remove(job);
        return job;
    }

    /** Dkron's DELETE of a job's executions: finished ones go, counters and last times start again from zero. */
    public Job clearHistory(String name) {
        locked(name);
        history.clear(name);
        em.flush();
        em.clear();
        return get(name);
    }
}
