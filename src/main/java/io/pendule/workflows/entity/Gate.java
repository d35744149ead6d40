package io.pendule.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.Objects;

/**
 * A gate (seed 001's chronology rule): the required job must have succeeded at least once, and within the given
 * duration (a Go duration such as "24h") when there is one, before the gated job may run.
 */
@Embeddable
public class Gate {

    @Column(name = "required_job")
    private String job;
    private String within = "";

    protected Gate() {
    }

    public Gate(String job, String within) {
        this.job = job;
        this.within = within == null ? "" : within;
    }

    public String job() {
        return job;
    }

    public String within() {
        return within;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gate g && Objects.equals(job, g.job) && Objects.equals(within, g.within);
    }

    @Override
    public int hashCode() {
        return Objects.hash(job, within);
    }
}
