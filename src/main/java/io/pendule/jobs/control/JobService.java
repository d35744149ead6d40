package io.pendule.jobs.control;

import io.pendule.clock.control.Clock;
import io.pendule.jobs.entity.Job;
import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.FieldError;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.schedules.control.Schedules;
import io.pendule.security.control.AuditLog;
import io.pendule.security.control.Authorizer;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.Identity;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Job definitions: create or replace (Dkron's upsert), toggle, restore, read, delete, clear history. Every change is
 * made for a caller and recorded in the audit log in its transaction, with the definition's before and after.
 * A CDI bean with a transaction per call (not an EJB, docs/architecture.md: the request path's services).
 */
@ApplicationScoped
@Transactional
public class JobService {

    /** Chains deeper than this are not walked up for cycles; nobody chains 1000 jobs. */
    private static final int MAX_DEPTH = 1000;
    /** Names per query when looking up many jobs at once. */
    private static final int NAMES_PER_LOOKUP = 1000;

    @PersistenceContext
    EntityManager em;
    @Inject
    JobValidator validator;
    @Inject
    InstantSource time;
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
    @Inject
    Authorizer authorizer;
    @Inject
    AuditLog audit;

    /**
     * Stores the definition, replacing any job of the same name but keeping its run history, and computes its next
     * fire time in its time zone. Nothing is stored if anything is wrong, or while submissions are paused.
     */
    public Job save(Job definition, Identity caller) {
        submissions.requireOpen();
        Job stored = lockedOrNone(definition.getName());
        authorize(definition, stored, caller);
        requireValid(definition);
        return store(definition, stored, caller, null);
    }

    /**
     * A new job, never replacing one: refused on its name when a job of that name exists (the dashboard's editor;
     * the API's POST keeps Dkron's replace).
     */
    public Job create(Job definition, Identity caller) {
        submissions.requireOpen();
        if (lockedOrNone(definition.getName()) != null) {
            throw new ValidationException("Job validation failed", "name", "a job named " + definition.getName() + " exists already");
        }
        authorize(definition, null, caller);
        requireValid(definition);
        return store(definition, null, caller, AuditAction.JOB_CREATE);
    }

    /**
     * New jobs, all or none (an import): each refused as {@link #create} refuses it, every one checked for the caller's
     * role first, then stored, in one transaction, so that a refusal of the last leaves none of the others.
     */
    public List<Job> createAll(List<Job> definitions, Identity caller) {
        submissions.requireOpen();
        Map<String, Job> stored = lockedAmong(definitions);
        definitions.forEach(job -> authorize(job, stored.get(job.getName()), caller));
        Set<String> taken = new HashSet<>(stored.keySet());
        for (Job definition : definitions) {
            if (!taken.add(definition.getName())) {
                throw new ValidationException("Job validation failed", "name", "a job named " + definition.getName() + " exists already");
            }
        }
        List<Job> created = new ArrayList<>();
        for (Job definition : definitions) {
            requireValid(definition);
            created.add(store(definition, null, caller, AuditAction.JOB_CREATE));
            forgetWhatIsWritten();
        }
        return created;
    }

    /** The caller's role allows this write (a shell job is an admin's, before and after the change: {@link Authorizer}). */
    private void authorize(Job definition, Job stored, Identity caller) {
        authorizer.requireMayWrite(caller, definition.getName(), stored == null ? null : stored.getExecutor(),
                definition.getExecutor(), definition.getExecutorConfig());
    }

    /** The job of that name, locked for this transaction; null when there is none (or no name). */
    private Job lockedOrNone(String name) {
        return name == null ? null : em.find(Job.class, name, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The stored jobs among the definitions, by name, locked for this transaction: a few queries for thousands of
     * names, where a lookup each was a round trip each.
     */
    private Map<String, Job> lockedAmong(List<Job> definitions) {
        List<String> names = definitions.stream().map(Job::getName).filter(Objects::nonNull).distinct().toList();
        Map<String, Job> stored = new HashMap<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_LOOKUP) {
            em.createNamedQuery(Job.NAMED_AMONG, Job.class)
                    .setParameter("names", names.subList(from, Math.min(names.size(), from + NAMES_PER_LOOKUP)))
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()
                    .forEach(job -> stored.put(job.getName(), job));
        }
        return stored;
    }

    /**
     * Dkron's restore: every job is checked first, then all are stored, parents before children, in one
     * transaction, so a bad file changes nothing. Answers Dkron's "success create name" lines.
     */
    public List<String> restore(List<Job> definitions, Identity caller) {
        List<Job> ordered = RestoreOrder.parentsFirst(definitions, name -> find(name).isPresent());
        Map<String, Job> stored = lockedAmong(ordered);
        ordered.forEach(job -> authorize(job, stored.get(job.getName()), caller));
        List<FieldError> problems = new ArrayList<>();
        for (Job job : ordered) {
            validator.problemsOf(job).forEach(p -> problems.add(new FieldError(job.getName() + "." + p.field(), p.message())));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Restore refused, nothing was changed", problems);
        }
        List<String> lines = new ArrayList<>();
        for (Job job : ordered) {
            // each save lets go of what it wrote: a job stored before is found again (its row stays locked)
            Job replaced = stored.containsKey(job.getName()) ? lockedOrNone(job.getName()) : null;
            lines.add("success create " + store(job, replaced, caller, AuditAction.JOB_RESTORE).getName());
            forgetWhatIsWritten();
        }
        return lines;
    }

    /**
     * Each save flushes, and a flush compares every entity the persistence context holds: a transaction saving many
     * jobs lets go of them once they are written, or the n-th save would compare n jobs (a 10,000-job restore took
     * minutes). The row locks stay with the transaction.
     */
    private void forgetWhatIsWritten() {
        em.flush();
        em.clear();
    }

    private void requireValid(Job definition) {
        List<FieldError> problems = validator.problemsOf(definition);
        if (!problems.isEmpty()) {
            throw new ValidationException("Job validation failed", problems);
        }
    }

    /**
     * Stores the valid definition over {@code stored} (the job of its name, locked; null for a new one); audited as
     * {@code action}, or as a creation or an update when null.
     */
    private Job store(Job definition, Job stored, Identity caller, AuditAction action) {
        if (definition.isChild()) {
            checkParent(definition);
        }
        checkUpstreams(definition);
        Instant now = time.instant();
        Job job = stored;
        Map<String, Object> before = job == null ? null : JobSnapshot.of(job);
        if (job == null) {
            job = definition;
            if (action != AuditAction.JOB_RESTORE) { // a restore brings jobs back as the file has them
                job.setOwner(ownerOfNew(definition.getOwner(), caller));
            }
            job.setCreatedAt(now);
            // scheduled before it is persisted, so that its one INSERT carries the next fire time (a query run before
            // the flush writes the insert, and a next fire time set after it would cost an UPDATE per new job)
            schedule(job, now);
            job.markCreated();
            em.persist(job);
        } else {
            job.redefineAs(definition);
            em.flush();
            if (history.moveForwardTo(job, definition)) {
                em.refresh(job);
            }
        }
        placeInDepth(job, before == null);
        Job saved = scheduled(job, now);
        audit.record(caller, action != null ? action : before == null ? AuditAction.JOB_CREATE : AuditAction.JOB_UPDATE,
                saved.getName(), JobSnapshot.change(before, JobSnapshot.of(saved)));
        return saved;
    }

    /**
     * A new job's owner: the one given (Dkron's clients set it), or else who creates it, a user or a token's owner (as
     * Dkron Pro sets it to the token's); the anonymous role is nobody to own it, and Pendule's own creations keep what
     * they were given. A replaced job takes the owner sent, as every other field (Dkron's whole replace), and a
     * restored one the file's.
     */
    static String ownerOfNew(String given, Identity creator) {
        boolean somebody = creator.kind() == Identity.Kind.USER || creator.kind() == Identity.Kind.TOKEN;
        return (given == null || given.isBlank()) && somebody ? creator.name() : given;
    }

    /** The parent must exist (404 otherwise, as Dkron), and must not itself come after the job. */
    private void checkParent(Job definition) {
        if (em.find(Job.class, definition.getParentJob()) == null) {
            throw new NotFoundException("parent_job", "specified parent job not found: " + definition.getParentJob());
        }
        if (comesAfter(definition.getParentJob(), definition.getName())) {
            throw new ValidationException("Job validation failed", "parent_job",
                    definition.getParentJob() + " depends on " + definition.getName() + ": parents would form a cycle");
        }
    }

    /**
     * The jobs named in depends_on and requires must exist, and no job may come back to itself through
     * parent_job, depends_on and requires (runs would trigger each other forever, or gates wait on each other).
     */
    private void checkUpstreams(Job definition) {
        List<FieldError> problems = new ArrayList<>();
        List<String> dependsOn = definition.getDependsOn();
        for (int i = 0; i < dependsOn.size(); i++) {
            checkUpstream("depends_on[" + i + "]", dependsOn.get(i), definition.getName(), problems);
        }
        var gates = definition.getRequires();
        for (int i = 0; i < gates.size(); i++) {
            checkUpstream("requires[" + i + "].job", gates.get(i).job(), definition.getName(), problems);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("Job validation failed", problems);
        }
    }

    private void checkUpstream(String field, String upstream, String job, List<FieldError> problems) {
        if (em.find(Job.class, upstream) == null) {
            problems.add(new FieldError(field, "job not found: " + upstream));
        } else if (comesAfter(upstream, job)) {
            problems.add(new FieldError(field, upstream + " already comes after " + job + ": the jobs would wait on each other"));
        }
    }

    /** Whether {@code job} names {@code upstream}, directly or through the jobs it names. */
    private boolean comesAfter(String job, String upstream) {
        Deque<String> toVisit = new ArrayDeque<>(List.of(job));
        Set<String> seen = new HashSet<>();
        while (!toVisit.isEmpty() && seen.size() < MAX_DEPTH) {
            String name = toVisit.pop();
            if (name.equals(upstream)) {
                return true;
            }
            Job found = seen.add(name) ? em.find(Job.class, name) : null;
            if (found != null) {
                found.upstreams().forEach(toVisit::push);
            }
        }
        return false;
    }

    /**
     * One more than the deepest job it names; the jobs naming it move down too when it gets deeper. A new job has none
     * naming it yet (every edge of job_upstream is a foreign key to an existing job), so nothing below it is looked up.
     */
    private void placeInDepth(Job job, boolean isNew) {
        int depth = job.upstreams().stream().map(name -> em.find(Job.class, name)).filter(Objects::nonNull)
                .mapToInt(upstream -> upstream.getDepth() + 1).max().orElse(0);
        job.setDepth(depth);
        if (isNew) {
            return;
        }
        Deque<Job> moved = new ArrayDeque<>(List.of(job));
        for (int steps = 0; !moved.isEmpty() && steps < MAX_DEPTH * 10; steps++) {
            Job upstream = moved.pop();
            for (String name : downstreamOf(upstream.getName())) {
                Job downstream = em.find(Job.class, name);
                if (downstream != null && downstream.getDepth() <= upstream.getDepth()) {
                    downstream.setDepth(upstream.getDepth() + 1);
                    moved.push(downstream);
                }
            }
        }
    }

    private List<String> downstreamOf(String name) {
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("SELECT job_name FROM job_upstream WHERE upstream_name = ?")
                .setParameter(1, name).getResultList();
        return names;
    }

    /** Flips disabled, as Dkron's toggle; a paused cluster still lets jobs be switched off and on. */
    public Job toggle(String name, Identity caller) {
        Job job = locked(name);
        return switched(job, !job.isDisabled(), caller);
    }

    /** Enables or disables the job (the jobs list's bulk actions); a job already so is left as it is, unaudited. */
    public Job setDisabled(String name, boolean disabled, Identity caller) {
        Job job = locked(name);
        if (job.isDisabled() == disabled) {
            return job;
        }
        return switched(job, disabled, caller);
    }

    private Job switched(Job job, boolean disabled, Identity caller) {
        boolean was = job.isDisabled();
        job.setDisabled(disabled);
        Job scheduled = scheduled(job, time.instant());
        audit.record(caller, AuditAction.JOB_TOGGLE, job.getName(),
                JobSnapshot.change(Map.of("disabled", was), Map.of("disabled", disabled)));
        return scheduled;
    }

    private Job scheduled(Job job, Instant now) {
        schedule(job, now);
        em.flush();
        wakeTheClockAfterCommit(job.getNextFireAt());
        return job;
    }

    private void schedule(Job job, Instant now) {
        job.setUpdatedAt(now);
        job.setNextFireAt(nextFireOf(job, now));
        job.clearBroken();
    }

    /**
     * After the commit, the clock is woken for the earliest next fire time the transaction stored: once per
     * transaction, however many jobs it saved (a restore saves thousands).
     */
    private void wakeTheClockAfterCommit(Instant due) {
        if (due == null) {
            return;
        }
        EarliestDue earliest = (EarliestDue) transactions.getResource(EarliestDue.class);
        if (earliest == null) {
            earliest = new EarliestDue(due);
            transactions.putResource(EarliestDue.class, earliest);
            transactions.registerInterposedSynchronization(earliest);
        } else if (due.isBefore(earliest.due)) {
            earliest.due = due;
        }
    }

    private final class EarliestDue implements Synchronization {
        private Instant due;

        EarliestDue(Instant due) {
            this.due = due;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            clock.wakeUpFor(due);
        }
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

    /**
     * Deletes the job and its executions; a job that others name (as parent_job, in depends_on or requires) must lose
     * them first.
     */
    public Job delete(String name, Identity caller) {
        Job job = locked(name);
        authorizer.requireMayDelete(caller, name, job.getExecutor());
        List<String> downstream = downstreamOf(name).stream().sorted().toList();
        if (!downstream.isEmpty()) {
            throw new ConflictException("job " + name + " has dependent jobs " + downstream + ": delete them first");
        }
        Map<String, Object> before = JobSnapshot.of(job);
        em.remove(job);
        audit.record(caller, AuditAction.JOB_DELETE, name, JobSnapshot.change(before, null));
        return job;
    }

    /** Dkron's DELETE of a job's executions: finished ones go, counters and last times start again from zero. */
    public Job clearHistory(String name, Identity caller) {
        locked(name);
        int deleted = history.clear(name);
        audit.record(caller, AuditAction.JOB_CLEAR, name, Map.of("deleted_executions", deleted));
        em.flush();
        em.clear();
        return get(name);
    }
}
