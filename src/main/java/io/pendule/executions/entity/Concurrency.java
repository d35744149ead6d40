package io.pendule.executions.entity;

import io.pendule.platform.Codes;

import java.util.List;
import java.util.Optional;

/** What a run does when another run of its job is still running: its job's concurrency policy, or the one it was queued with. */
public enum Concurrency {
    /** Runs may overlap (Dkron's behaviour). */
    ALLOW,
    /** The run is skipped while another run of its job is running. */
    FORBID,
    /** The running runs of its job are cancelled, and the run starts. */
    REPLACE;

    /** The code in JSON, forms and the database. */
    public String code() {
        return Codes.of(this);
    }

    public static List<String> codes() {
        return Codes.all(Concurrency.class);
    }

    /** The policy of a code; empty for an unknown one. */
    public static Optional<Concurrency> ofCode(String code) {
        return Codes.find(Concurrency.class, code);
    }

    /** A column's value: null (a run that follows its job's policy) stays null, an unknown code allows. */
    public static Concurrency ofColumn(String code) {
        return code == null ? null : ofCode(code).orElse(ALLOW);
    }

    /** Whether a run's start must be checked against the job's other runs. */
    public boolean exclusive() {
        return this != ALLOW;
    }
}
