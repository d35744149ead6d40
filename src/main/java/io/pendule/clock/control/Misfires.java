package io.pendule.clock.control;

import io.pendule.metrics.entity.MissedReason;
import io.pendule.clock.control.FirePlan.Missed;
import io.pendule.clock.entity.MisfirePolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A job's misfire policy applied to the fires the clock finds late. A fire is late when the clock finds it more than
 * the threshold after its time (PENDULE_MISFIRE_THRESHOLD, 60 s by default as Quartz's misfireThreshold): a healthy
 * clock claims fires up to a second before their time, so a fire unclaimed long after it was missed by the cluster
 * (down, paused, overloaded); a fire a few seconds late because the machine is busy still runs, late. {@code skip} runs none of the late fires, {@code fire_once} the latest, {@code catch_up} each of the
 * latest {@code misfire_max}, oldest first; the others are recorded missed. Whatever the policy, a fire found later
 * than its {@code starting_deadline} after its time does not start, and is recorded missed.
 *
 * <p>The rows stay bounded: at most {@code misfire_max} fires are recorded one by one (the latest), the older ones
 * in one summary row. A long outage of a frequent schedule is not walked fire by fire either: beyond
 * {@link #MAX_WALK} fires the walk jumps to the end of the outage, and the summary gives a lower bound.
 */
final class Misfires {

    static final int MAX_WALK = 10_000;

    private Misfires() {
    }

    /**
     * @param due  the job's next fire, found due at {@code now}
     * @param next the fire after a given instant (strictly), null when the job fires no more
     * @param threshold how late a fire is before it counts as missed
     */
    static FirePlan plan(Instant due, UnaryOperator<Instant> next, MisfirePolicy policy, Duration threshold, Instant now) {
        Instant lateBefore = now.minus(threshold);
        if (!due.isBefore(lateBefore)) {
            Instant following = next.apply(due);
            return pastDeadline(due, policy, now)
                    ? new FirePlan(List.of(), List.of(deadlineMissed(due, policy, now)), following)
                    : new FirePlan(List.of(due), List.of(), following);
        }
        Walk walk = walk(due, lateBefore, next, policy.max());
        List<Instant> runs = new ArrayList<>();
        List<Missed> missed = new ArrayList<>();
        if (walk.dropped > 0) {
            missed.add(new Missed(due, summary(due, walk, policy, now)));
        }
        List<Instant> late = new ArrayList<>(walk.kept);
        String why = "missed: no node fired it between its time and " + now + " (the cluster was down, paused or overloaded)";
        for (int i = 0; i < late.size(); i++) {
            Instant fire = late.get(i);
            boolean runs_ = switch (policy.kind()) {
                case CATCH_UP -> true;
                case SKIP -> false;
                case FIRE_ONCE -> i == late.size() - 1;
            };
            if (!runs_) {
                missed.add(new Missed(fire, why + "; " + policyText(policy, late.get(late.size() - 1))));
            } else if (pastDeadline(fire, policy, now)) {
                missed.add(deadlineMissed(fire, policy, now));
            } else {
                runs.add(fire);
            }
        }
        return new FirePlan(runs, missed, next.apply(lateBefore.minusNanos(1)));
    }

    private static String policyText(MisfirePolicy policy, Instant latest) {
        return switch (policy.kind()) {
            case SKIP -> "misfire_policy skip";
            case CATCH_UP -> "misfire_policy catch_up";
            case FIRE_ONCE -> "misfire_policy fire_once runs only the latest missed fire, " + latest;
        };
    }

    private static String summary(Instant first, Walk walk, MisfirePolicy policy, Instant now) {
        String count = walk.exact ? Long.toString(walk.dropped) : "at least " + walk.dropped;
        return "missed: " + count + " fires from " + first + " to " + walk.lastDropped + ", none fired by " + now
                + " (the cluster was down, paused or overloaded); misfire_policy " + policy.kind().code()
                + " records at most misfire_max (" + policy.max() + ") missed fires one by one, the latest, and these "
                + (policy.kind() == MisfirePolicy.Kind.CATCH_UP ? "older ones were not run" : "older ones") + " in this row";
    }

    private static boolean pastDeadline(Instant fire, MisfirePolicy policy, Instant now) {
        return policy.deadline() != null && now.isAfter(fire.plus(policy.deadline()));
    }

    private static Missed deadlineMissed(Instant fire, MisfirePolicy policy, Instant now) {
        return new Missed(fire, "missed: not started within its starting_deadline (" + go(policy.deadline())
                + ") of its time: found " + go(Duration.between(fire, now).truncatedTo(ChronoUnit.MILLIS)) + " late",
                MissedReason.STARTING_DEADLINE);
    }

    /** As Go prints durations, the way starting_deadline is written: 1s, 1m30s, 2h0.5s. */
    static String go(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** The latest {@code keep} late fires, and how many older ones there were. */
    private static final class Walk {
        final Deque<Instant> kept = new ArrayDeque<>();
        long dropped;
        Instant lastDropped;
        boolean exact = true;

        void add(Instant fire, int keep) {
            kept.addLast(fire);
            if (kept.size() > keep) {
                lastDropped = kept.removeFirst();
                dropped++;
            }
        }
    }

    private static Walk walk(Instant first, Instant lateBefore, UnaryOperator<Instant> next, int keep) {
        Walk walk = new Walk();
        Instant fire = first;
        int steps = 0;
        boolean jumped = false;
        while (fire != null && fire.isBefore(lateBefore)) {
            if (++steps > MAX_WALK) {
                if (jumped) {
                    walk.exact = false;
                    break;
                }
                // to the last few fires of the outage, at the pace seen so far
                Duration pace = Duration.between(first, fire).dividedBy(steps);
                Instant near = lateBefore.minus(pace.multipliedBy(keep + 1L)).minusSeconds(1);
                jumped = true;
                steps = 0;
                if (near.isAfter(fire)) {
                    walk.exact = false;
                    walk.dropped += walk.kept.size();
                    walk.lastDropped = walk.kept.isEmpty() ? walk.lastDropped : walk.kept.getLast();
                    walk.kept.clear();
                    fire = next.apply(near);
                    continue;
                }
            }
            walk.add(fire, keep);
            fire = next.apply(fire);
        }
        return walk;
    }
}
