package io.pendule.clock.entity;

import io.pendule.platform.Codes;
import io.pendule.platform.GoDuration;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Transient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happens to a job's fires missed while the cluster was down or overloaded: its {@link Kind}, at most
 * {@code max} of them run or recorded one by one, and a fire later than {@code startingDeadline} (a Go duration,
 * "" for none) is never started. Its fields' values are the defaults of a new job (V6 repeats them as the columns'
 * DEFAULTs, for rows written by plain SQL).
 */
@Embeddable
public class MisfirePolicy {

    /** Which of the late fires run. */
    public enum Kind {
        /** None: each is recorded missed. */
        SKIP,
        /** The latest, once; the others are recorded missed. */
        FIRE_ONCE,
        /** Each, oldest first, at most {@code max}. */
        CATCH_UP;

        /** The code in JSON and the database: skip, fire_once, catch_up. */
        public String code() {
            return Codes.of(this);
        }

        public static List<String> codes() {
            return Codes.all(Kind.class);
        }

        /** The kind of a code; empty for an unknown one. */
        public static Optional<Kind> ofCode(String code) {
            return Codes.find(Kind.class, code);
        }

        /** A column's value: an unknown code (which the CHECK constraint of V15 keeps out) fires once. */
        public static Kind ofColumn(String code) {
            return ofCode(code).orElse(FIRE_ONCE);
        }
    }

    @Column(name = "misfire_policy")
    @Convert(converter = MisfireKindConverter.class)
    private Kind kind = Kind.FIRE_ONCE;
    @Column(name = "misfire_max")
    private int max = 100;
    @Column(name = "starting_deadline")
    private String startingDeadline = "";
    /** {@link #startingDeadline} read, once asked for. */
    @Transient
    private Duration deadline;

    public MisfirePolicy() {
    }

    public MisfirePolicy(Kind kind, int max, String startingDeadline) {
        this.kind = kind;
        this.max = max;
        this.startingDeadline = startingDeadline;
    }

    /** Null while a definition names an unknown kind, which JobValidator refuses. */
    public Kind kind() { return kind; }
    public int max() { return max; }
    /** As written, "" for none. */
    public String startingDeadline() { return startingDeadline; }

    /**
     * The starting deadline, null for none.
     *
     * @throws IllegalArgumentException when its text is no Go duration (refused when a job is saved)
     */
    public Duration deadline() {
        if (deadline == null && startingDeadline != null && !startingDeadline.isBlank()) {
            deadline = GoDuration.parse(startingDeadline);
        }
        return deadline;
    }
}
