package io.pendule.executions.entity;

import io.pendule.platform.GoDuration;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failed run is tried again (the count is Dkron's "retries"): after {@code delay}, multiplied by
 * {@code backoff} at each further attempt, at most {@code maxDelay}, give or take {@code jitter} (0 to 1, a share
 * of the delay) so that many jobs failing together do not retry together. Its fields' values are the defaults of a new
 * job (V6 repeats them as the columns' DEFAULTs, for rows written by plain SQL).
 */
@Embeddable
public class RetryPolicy {

    @Column(name = "retry_delay")
    private String delay = "1s";
    @Column(name = "retry_max_delay")
    private String maxDelay = "1m";
    @Column(name = "retry_backoff")
    private double backoff = 2;
    @Column(name = "retry_jitter")
    private double jitter = 0;

    public RetryPolicy() {
    }

    public RetryPolicy(String delay, String maxDelay, double backoff, double jitter) {
        this.delay = delay;
        this.maxDelay = maxDelay;
        this.backoff = backoff;
        this.jitter = jitter;
    }

    /** The wait before the attempt after {@code failedAttempt} (1 for the first run). */
    public Duration delayAfter(int failedAttempt) {
        double base = GoDuration.parse(delay).toMillis() * Math.pow(backoff, failedAttempt - 1);
        double capped = Math.min(base, GoDuration.parse(maxDelay).toMillis());
        double spread = jitter == 0 ? 0 : capped * jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
    }

    public String delay() { return delay; }
    public String maxDelay() { return maxDelay; }
    public double backoff() { return backoff; }
    public double jitter() { return jitter; }
}
