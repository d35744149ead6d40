package io.pendule.executions.control;

import io.pendule.executions.entity.Execution;
import io.pendule.executions.entity.ExecutionStatus;
import io.pendule.executions.entity.FollowUps;
import io.pendule.database.control.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * Cancelling executions. A queued one is cancelled at once; a running one is marked, and the node running it, which
 * looks for such marks on its runs twice a second (see ExecutionRunner), stops it and records it cancelled.
 */
@ApplicationScoped
public class CancelRequests {

    public static final String ERROR = "cancelled by request";

    private static final String REQUESTED_ON_NODE = "SELECT id FROM execution "
            + "WHERE node_name = ? AND status = " + ExecutionStatus.RUNNING.literal() + " AND cancel_requested_at IS NOT NULL";

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

    public Answer cancel(Execution execution) {
        Instant now = time.instant();
        Answer answer = jdbc.inTransaction(connection -> {
            if (ExecutionRows.cancelQueued(connection, execution.getId(), now, ERROR)) {
                outcomes.write(connection, followed(execution));
                return Answer.CANCELLED;
            }
            // Not queued (any more: a node may have just claimed it): running, or finished.
            return ExecutionRows.requestCancel(connection, execution.getId(), now) ? Answer.REQUESTED : Answer.ALREADY_FINISHED;
        });
        if (answer == Answer.CANCELLED) {
            outcomes.wake(followed(execution));
        }
        return answer;
    }

    private static List<FollowUpRows.Pending> followed(Execution cancelled) {
        return List.of(new FollowUpRows.Pending(cancelled.getId(), FollowUps.UNKNOWN));
    }

    /** The runs of {@code node} whose cancellation was asked for. */
    public List<Long> requestedOn(String node) {
        return jdbc.inTransaction(connection ->
                Jdbc.query(connection, REQUESTED_ON_NODE, select -> select.setString(1, node), rs -> rs.getLong(1)));
    }
}
