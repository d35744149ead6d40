package io.pendule.executions.control;

import io.pendule.database.control.Jdbc;
import io.pendule.executions.entity.DayCount;
import io.pendule.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runs finished per day (UTC), for Dkron's /v1/stats: counted in the transaction that records them (the
 * recorder's batch, an orphaning), one row per day and counting node (table execution_day_count, written here only),
 * so that a dashboard reads at most a row per node and day, never the history, and the figures survive its pruning.
 */
@ApplicationScoped
public class DayCounts {

    /** The most days /v1/stats reads; the rows are kept a little longer, then deleted. */
    public static final int MOST_DAYS = 365;
    static final int KEPT_DAYS = MOST_DAYS + 35;
    private static final String ENSURE = "INSERT INTO execution_day_count (day_utc, node_name) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String ADD = "UPDATE execution_day_count SET success_count = success_count + ?, "
            + "failed_count = failed_count + ? WHERE day_utc = ? AND node_name = ?";
    private static final String FORGET = "DELETE FROM execution_day_count WHERE day_utc < ?";
    private static final String SINCE = "SELECT day_utc, SUM(success_count), SUM(failed_count) FROM execution_day_count "
            + "WHERE day_utc >= ? GROUP BY day_utc";

    /** A finished run: when, and whether it succeeded. */
    public record Finished(Instant at, boolean success) {
    }

    @Inject
    Jdbc jdbc;
    @Inject
    Settings settings;

    private String node;
    /** The last day this node deleted the rows past {@link #KEPT_DAYS}: once a day is enough. */
    private volatile LocalDate forgotOn;

    public DayCounts() {
    }

    /** For a test, without CDI. */
    DayCounts(String node) {
        this.node = node;
    }

    @PostConstruct
    void readNode() {
        node = settings.nodeName();
    }

    /** Adds these runs to this node's counts of their days, in the caller's transaction; days in order (no deadlock). */
    public void add(Connection connection, Collection<Finished> finished) throws SQLException {
        if (finished.isEmpty()) {
            return;
        }
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (Finished f : finished) {
            days.computeIfAbsent(LocalDate.ofInstant(f.at(), ZoneOffset.UTC), d -> new long[2])[f.success() ? 0 : 1]++;
        }
        Jdbc.batch(connection, ENSURE, days.keySet(), (insert, day) -> {
            insert.setObject(1, day);
            insert.setString(2, node);
        });
        Jdbc.batch(connection, ADD, days.entrySet(), (update, day) -> {
            update.setLong(1, day.getValue()[0]);
            update.setLong(2, day.getValue()[1]);
            update.setObject(3, day.getKey());
            update.setString(4, node);
        });
        LocalDate latest = ((TreeMap<LocalDate, long[]>) days).lastKey();
        if (!latest.equals(forgotOn)) {
            Jdbc.update(connection, FORGET, delete -> delete.setObject(1, latest.minusDays(KEPT_DAYS)));
            forgotOn = latest;
        }
    }

    /** The last {@code days} days up to {@code today}, oldest first, every day present (0 and 0 for a day without runs). */
    public List<DayCount> last(int days, LocalDate today) {
        return jdbc.inTransaction(connection -> last(connection, days, today));
    }

    static List<DayCount> last(Connection connection, int days, LocalDate today) throws SQLException {
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, DayCount> counted = new HashMap<>();
        Jdbc.query(connection, SINCE, select -> select.setObject(1, first),
                rs -> new DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
                .forEach(day -> counted.put(day.day(), day));
        List<DayCount> all = new ArrayList<>(days);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            all.add(counted.getOrDefault(day, new DayCount(day, 0, 0)));
        }
        return all;
    }
}
