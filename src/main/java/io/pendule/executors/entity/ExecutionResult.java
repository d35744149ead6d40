package io.pendule.executors.entity;

/**
 * The result of one run: outcome, exit code (the process exit status, or the HTTP status code),
 * captured output (tails, capped), and an error message when the run failed for a reason the output
 * does not show (timeout, connection refused, unexpected status...).
 */
public record ExecutionResult(Outcome outcome, Integer exitCode, String stdout, String stderr,
                              boolean outputTruncated, String error) {

    public static ExecutionResult failed(String error) {
        return new ExecutionResult(Outcome.FAILED, null, "", "", false, error);
    }

    public static ExecutionResult skipped(String reason) {
        return new ExecutionResult(Outcome.SKIPPED, null, "", "", false, reason);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
