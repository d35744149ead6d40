package io.pendule.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What happens to fires missed while the cluster was down or overloaded: {@code skip} them (recorded as missed),
 * {@code fire_once} (run the latest once, the default), or {@code catch_up} (run each, at most {@code max});
 * a fire later than {@code startingDeadline} (a Go duration, "" for none) is never started.
 */
@Embeddable
public class MisfirePolicy {

    public static final String SKIP = "skip";
    public static final String FIRE_ONCE = "fire_once";
    public static final String CATCH_UP = "catch_up";

    @Column(name = "misfire_policy")
    private String policy = FIRE_ONCE;
    @Column(name = "misfire_max")
    private int max = 100;
    @Column(name = "starting_deadline")
    private String startingDeadline = "";

    public MisfirePolicy() {
    }

    public MisfirePolicy(String policy, int max, String startingDeadline) {
        this.policy = policy;
        this.max = max;
        this.startingDeadline = startingDeadline;
    }

    public String policy() { return policy; }
    public int max() { return max; }
    public String startingDeadline() { return startingDeadline; }
}
