package io.pendule.executors.entity;

import java.util.List;

/**
 * What one run of a job runs against: {@link #ONE} run without a target for most executors; one execution per target
 * for an executor that fans out (a pack job: the endpoints its pack is activated on). No target at all is a run that
 * does not happen, and {@code whyNone} says why (it is recorded skipped, so the run is seen).
 */
public record RunTargets(List<String> targets, String whyNone) {

    public static final RunTargets ONE = new RunTargets(List.of(ExecutionRequest.NO_TARGET), null);

    public RunTargets {
        targets = List.copyOf(targets);
        whyNone = whyNone == null || whyNone.isBlank() ? "it had nothing to run against" : whyNone;
    }

    public static RunTargets of(List<String> targets, String whyNone) {
        return new RunTargets(targets, whyNone);
    }

    public boolean fansOut() {
        return !targets.equals(ONE.targets);
    }
}
