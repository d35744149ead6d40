package io.pendule.clock.control;

import io.pendule.executions.entity.ClaimedRun;

import java.util.List;

/**
 * What one claiming step of the clock did: how many rows it locked (a full batch means more may be waiting), and the
 * runs it claimed for this node, to be handed to the runner.
 */
public record Claims(int locked, List<ClaimedRun> runs) {

    public static final Claims NONE = new Claims(0, List.of());
}
