package io.pendule.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, per node: after {@link #FREE_PER_USER} failures for one user from one address, or
 * {@link #FREE_PER_ADDRESS} from one address for any users, each further attempt from there waits twice as long as the
 * previous (1 s, 2 s, 4 s … up to {@link #LONGEST}). A success clears the user's count from that address. Nobody is
 * locked out: an attacker elsewhere slows only their own address, never the admin's sign-in from theirs.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_PER_USER = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration LONGEST = Duration.ofMinutes(15);
    /** Counts older than this are forgotten; and at most this many are kept, so that a flood cannot fill the heap. */
    static final Duration MEMORY = Duration.ofHours(1);
    static final int MAX_KEPT = 10_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    InstantSource time;

    /** How long {@code address} must still wait before trying {@code user}'s password again; empty: it may now. */
    public Optional<Duration> wait(String user, String address) {
        Instant now = time.instant();
        Duration longest = Duration.ZERO;
        for (Map.Entry<String, Integer> key : Map.of(userKey(user, address), FREE_PER_USER, addressKey(address),
                FREE_PER_ADDRESS).entrySet()) {
            Failures seen = failures.get(key.getKey());
            if (seen != null && seen.count() >= key.getValue()) {
                Duration left = Duration.between(now, seen.last().plus(delay(seen.count() - key.getValue())));
                if (left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
        }
        return longest.isZero() || longest.isNegative() ? Optional.empty() : Optional.of(longest);
    }

    public void failed(String user, String address) {
        Instant now = time.instant();
        if (failures.size() >= MAX_KEPT) {
            failures.values().removeIf(seen -> seen.last().isBefore(now.minus(MEMORY)));
            if (failures.size() >= MAX_KEPT) {
                failures.clear();
            }
        }
        for (String key : new String[] {userKey(user, address), addressKey(address)}) {
            failures.merge(key, new Failures(1, now), (before, one) -> new Failures(
                    before.last().isBefore(now.minus(MEMORY)) ? 1 : before.count() + 1, now));
        }
    }

    public void succeeded(String user, String address) {
        failures.remove(userKey(user, address));
    }

    /** 1 s for the first attempt over the free ones, doubling, at most {@link #LONGEST}. */
    static Duration delay(int over) {
        return over >= 20 ? LONGEST : Duration.ofSeconds(1L << over).compareTo(LONGEST) > 0 ? LONGEST : Duration.ofSeconds(1L << over);
    }

    private static String userKey(String user, String address) {
        return "u\0" + user + "\0" + address;
    }

    private static String addressKey(String address) {
        return "a\0" + address;
    }
}
