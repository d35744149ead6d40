package io.pendule.executions.control;

import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.TooManyRequestsException;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.RunsRecorded;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits for executions to finish, for clients that want a run's outcome in the answer (run now with ?wait), without
 * holding a thread per wait: a wait is a future, completed as soon as this node records the run's end
 * ({@link #recorded}), or else by a look at its row (a run on another node, cancelled, orphaned), the looks taken on a
 * small shared scheduler from 50 ms apart to 1 s apart. A caller has at most {@code PENDULE_API_WAITS_PER_CALLER}
 * waits at once on a node ({@link #admit}).
 */
@ApplicationScoped
public class RunWaiter {

    /** The first look at a run's row after its wait begins; then twice as long each time, up to longestLook. */
    Duration firstLook = Duration.ofMillis(50);
    Duration longestLook = Duration.ofSeconds(1);
    /** What a caller refused for its number of waits is told to wait before asking again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** Threads reading rows for the waits: a read is short, a wait holds none between its looks. */
    private static final int LOOKERS = 2;

    @Resource
    ManagedThreadFactory threads;
    @Inject
    ExecutionHistory history;
    @Inject
    Settings settings;

    ScheduledExecutorService looks;
    int perCaller;
    private final Map<String, AtomicInteger> waitsByCaller = new ConcurrentHashMap<>();
    private final Map<Long, Set<Wait>> waitsByExecution = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        looks = Executors.newScheduledThreadPool(LOOKERS, threads);
        perCaller = settings.apiWaitsPerCaller();
    }

    @PreDestroy
    void stop() {
        looks.shutdownNow();
    }

    /** A caller's place among its waits, taken before the run is queued, given back when its wait ends. */
    public final class Slot {
        private final String caller;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String caller) {
            this.caller = caller;
        }

        /** Gives the place back (once; again does nothing): the wait ended, or never began. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                waitsByCaller.computeIfPresent(caller, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
            }
        }
    }

    /** A place among {@code caller}'s waits; refused (429) while the caller has all its waits going. */
    public Slot admit(String caller) {
        AtomicInteger[] taken = new AtomicInteger[1];
        waitsByCaller.compute(caller, (k, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < perCaller) {
                current.incrementAndGet();
                taken[0] = current;
            }
            return current.get() == 0 ? null : current;
        });
        if (taken[0] == null) {
            throw new TooManyRequestsException(caller + " already waits for " + perCaller + " runs to finish on this node, "
                    + "as many as a caller may (PENDULE_API_WAITS_PER_CALLER): run without ?wait=true and follow the "
                    + "execution's Location, or retry later", RETRY_AFTER);
        }
        return new Slot(caller);
    }

    /**
     * The execution once finished, or as it stands when {@code patience} runs out; {@code slot} is given back when the
     * future completes (also when it is cancelled: the client went away).
     */
    public CompletableFuture<Execution> await(long id, Duration patience, Slot slot) {
        Wait wait = new Wait(id, System.nanoTime() + patience.toNanos());
        waitsByExecution.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(wait);
        wait.done.whenComplete((execution, error) -> {
            waitsByExecution.computeIfPresent(id, (k, waits) -> waits.remove(wait) && waits.isEmpty() ? null : waits);
            wait.cancelNextLook();
            slot.release();
        });
        wait.lookIn(firstLook);
        return wait.done;
    }

    /** After the commit of these runs' ends on this node: their waits look at once rather than at their next look. */
    void recorded(@Observes RunsRecorded recorded) {
        for (long id : recorded.executionIds()) {
            Set<Wait> waits = waitsByExecution.get(id);
            if (waits != null) {
                waits.forEach(wait -> wait.lookIn(Duration.ZERO));
            }
        }
    }

    /** Waits going now, on this node (for tests and health). */
    int waiting() {
        return waitsByExecution.values().stream().mapToInt(Set::size).sum();
    }

    private final class Wait {
        private final long id;
        private final long deadline;
        private final CompletableFuture<Execution> done = new CompletableFuture<>();
        private Duration pause = firstLook;
        private ScheduledFuture<?> next;

        Wait(long id, long deadline) {
            this.id = id;
            this.deadline = deadline;
        }

        synchronized void lookIn(Duration delay) {
            if (done.isDone()) {
                return;
            }
            cancelNextLook();
            long nanos = Math.max(0, Math.min(delay.toNanos(), deadline - System.nanoTime()));
            next = looks.schedule(this::look, nanos, TimeUnit.NANOSECONDS);
        }

        synchronized void cancelNextLook() {
            if (next != null) {
                next.cancel(false);
            }
        }

        private void look() {
            if (done.isDone()) {
                return;
            }
            try {
                Optional<Execution> execution = history.byId(id);
                if (execution.isEmpty()) {
                    done.completeExceptionally(new NotFoundException("execution " + id + " no longer exists"));
                } else if (execution.get().status().finished() || System.nanoTime() - deadline >= 0) {
                    done.complete(execution.get());
                } else {
                    pause = pause.multipliedBy(2).compareTo(longestLook) > 0 ? longestLook : pause.multipliedBy(2);
                    lookIn(pause);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }
    }
}
