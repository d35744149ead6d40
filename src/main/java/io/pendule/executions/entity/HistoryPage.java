package io.pendule.executions.entity;

import java.util.List;

/**
 * One page of a job's history, newest first, and the cursors to its neighbours: the id to show runs older than
 * ({@code before}), the id to show runs newer than ({@code after}); null when there is no such page.
 */
public record HistoryPage(List<Execution> runs, Long after, Long before) {
}
