package io.pendule.executions.control;

import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.FollowUps;
import io.pendule.database.control.Jdbc;
import io.pendule.database.control.SqlTime;
import io.pendule.security.control.AuditWriter;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cancelling executions. A queued one is cancelled at once; a running one is marked, and the node running it, which
 * looks for such marks on its runs every second (see ExecutionRunner), stops it and records it cancelled.
 */
@ApplicationScoped
public class CancelRequests {

    public static final String ERROR = "cancelled by request";

    /** Through the (node_name, status) index; the incarnation sorts out an earlier process's rows. */
    private static final String RUNNING_ON_NODE = "SELECT id, cancel_requested_at FROM execution "
            + "WHERE node_name = ? AND status = " + ExecutionStatus.RUNNING.literal() + " AND incarnation = ?";

    /** A run the database says {@code incarnation} holds, and whether its cancellation was asked for. */
    public record Held(long executionId, boolean cancelRequested) {
    }

    /** What became of a cancel request. */
    public enum Answer {
        /** It was queued: it is cancelled now. */
        CANCELLED,
        /** It is running: its node stops it within a second. */
        REQUESTED,
        /** It had finished: nothing to cancel. */
        ALREADY_FINISHED
    }

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;
    @Inject
    RunOutcomes outcomes;
    @Inject
    AuditWriter audit;

    /**
     * Cancels the execution for {@code caller}, recorded in the audit log (job.cancel) in the same transaction: allowed,
     * or failed when it had already finished.
     */
    public Answer cancel(Execution execution, Identity caller) {
        Instant now = time.instant();
        Cancel cancel = jdbc.inTransaction(connection -> {
            Answer answer = cancel(connection, execution, now);
            return new Cancel(answer, audit.write(connection, caller, AuditAction.JOB_CANCEL, execution.getJobName(),
                    answer == Answer.ALREADY_FINISHED ? AuditEvent.Outcome.FAILED : AuditEvent.Outcome.ALLOWED,
                    Map.of("execution", execution.getId(), "answer", answer.name().toLowerCase(Locale.ROOT))));
        });
        audit.mirror(cancel.event());
        if (cancel.answer() == Answer.CANCELLED) {
            outcomes.wake(followed(execution));
        }
        return cancel.answer();
    }

    private record Cancel(Answer answer, Optional<AuditEvent> event) {
    }

    private Answer cancel(Connection connection, Execution execution, Instant now) throws SQLException {
        if (ExecutionRows.cancelQueued(connection, execution.getId(), now, ERROR)) {
            outcomes.write(connection, followed(execution));
            return Answer.CANCELLED;
        }
        // Not queued (any more: a node may have just claimed it): running, or finished.
        return ExecutionRows.requestCancel(connection, execution.getId(), now) ? Answer.REQUESTED : Answer.ALREADY_FINISHED;
    }

    private static List<FollowUpRows.Pending> followed(Execution cancelled) {
        return List.of(new FollowUpRows.Pending(cancelled.getId(), FollowUps.UNKNOWN));
    }

    /** The runs running on {@code node} under its process {@code incarnation}, as the database says. */
    public List<Held> runningOn(String node, String incarnation) {
        return jdbc.inTransaction(connection -> Jdbc.query(connection, RUNNING_ON_NODE, select -> {
            select.setString(1, node);
            select.setString(2, incarnation);
        }, rs -> new Held(rs.getLong(1), SqlTime.get(rs, 2) != null)));
    }
}
