package io.pendule.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * How much of a job's history is kept: the last {@code keepExecutions} executions and/or those younger than
 * {@code keepFor} (a Go duration); 0 and "" mean the global default (PENDULE_KEEP_EXECUTIONS, PENDULE_KEEP_EXECUTIONS_FOR).
 */
@Embeddable
public class Retention {

    @Column(name = "keep_executions")
    private int keepExecutions;
    @Column(name = "keep_executions_for")
    private String keepFor = "";

    public Retention() {
    }

    public Retention(int keepExecutions, String keepFor) {
        this.keepExecutions = keepExecutions;
        this.keepFor = keepFor;
    }

    public int keepExecutions() { return keepExecutions; }
    public String keepFor() { return keepFor; }
}
