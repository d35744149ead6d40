package io.pendule.clock.control;

import io.pendule.database.control.Database;
import io.pendule.database.control.SqlTime;
import io.pendule.executions.control.NodeLease;
import io.pendule.platform.Json;
import io.pendule.schedules.control.ScheduleParser;
import io.pendule.schedules.control.Schedules;
import io.pendule.executors.control.JobExecutor;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A cluster for the clock's tests, in memory: a fresh H2 database (PostgreSQL mode, Pendule's own migrations), a time
 * that moves only when the test moves it, worker nodes on that database ({@link ClockNode}), jobs added as rows, and
 * the executions read back as rows. No test waits for time to pass: it moves time, ticks a node's clock, and reads the
 * rows it wrote.
 */
final class ClockFixture implements AutoCloseable {

    /** The day the tests happen on: a Monday, far from any daylight saving change. */
    static final Instant DAY = Instant.parse("2030-01-07T00:00:00Z");

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Duration HEARTBEAT_EVERY = NodeLease.HEARTBEAT_EVERY;
    /** Held so that its level stays: the migrations' logs say nothing these tests need. */
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

    private final JdbcDataSource database = new JdbcDataSource();
    private final String url;
    private final SettableTime time;
    private final SettableDatabaseClock databaseClock;
    private final Schedules schedules;
    private final List<ClockNode> nodes = new ArrayList<>();

    private ClockFixture(Instant start) {
        time = new SettableTime(start);
        databaseClock = new SettableDatabaseClock(time);
        url = url("clock" + DATABASES.incrementAndGet());
        database.setURL(url);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : Migrated.SCRIPT) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        HandWiring saving = new HandWiring();
        saving.add(new ScheduleParser());
        schedules = saving.add(new Schedules());
        saving.wire();
    }

    private static String url(String name) {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /**
     * A database migrated by Pendule's migrations, as the statements that build a copy of it: migrating takes a
     * second (Flyway looks through the class path), copying ten milliseconds. Built once, when the first test needs it.
     */
    private static final class Migrated {
        static final List<String> SCRIPT = script();

        private static List<String> script() {
            FLYWAY.setLevel(Level.WARNING);
            JdbcDataSource migrated = new JdbcDataSource();
            migrated.setURL(url("clock-migrated"));
            Database.migrations(migrated).load().migrate();
            List<String> script = new ArrayList<>();
            try (Connection connection = migrated.getConnection(); Statement statement = connection.createStatement()) {
                try (ResultSet rs = statement.executeQuery("SCRIPT")) {
                    while (rs.next()) {
                        script.add(rs.getString(1));
                    }
                }
                statement.execute("SHUTDOWN");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return List.copyOf(script);
        }
    }

    /** A cluster whose time is {@code hhmmss} on {@link #DAY}. */
    static ClockFixture at(String hhmmss) {
        return new ClockFixture(time(hhmmss));
    }

    /** {@code hhmmss} (or {@code hh:mm:ss.SSS}) on {@link #DAY}. */
    static Instant time(String hhmmss) {
        return LocalTime.parse(hhmmss).atDate(DAY.atZone(ZoneOffset.UTC).toLocalDate()).toInstant(ZoneOffset.UTC);
    }

    Instant now() {
        return time.instant();
    }

    /**
     * Time goes on; no clock ticks meanwhile unless the test ticks it, but the live nodes heartbeat at every 5th second,
     * as their schedule does (over a span longer than 10 minutes, in its last minute only).
     */
    void moveTime(Duration by) {
        moveTimeTo(time.instant().plus(by));
    }

    void moveTimeTo(String hhmmss) {
        moveTimeTo(time(hhmmss));
    }

    private void moveTimeTo(Instant target) {
        Instant from = time.instant();
        if (Duration.between(from, target).compareTo(Duration.ofMinutes(10)) > 0) {
            from = target.minus(Duration.ofMinutes(1));
            time.set(from);
        }
        long every = HEARTBEAT_EVERY.toMillis();
        Instant firstBeat = Instant.ofEpochMilli((from.toEpochMilli() / every + 1) * every); // on */5 s, as the schedule
        for (Instant beat = firstBeat; !beat.isAfter(target); beat = beat.plus(HEARTBEAT_EVERY)) {
            time.set(beat);
            nodes.forEach(ClockNode::heartbeatIfAlive);
        }
        time.set(target);
    }

    /** The database's clock is this much ahead of the nodes' (negative: behind). */
    void databaseClockAhead(Duration by) {
        databaseClock.ahead(by);
    }

    /** A worker node of this cluster, with Pendule's default settings unless told otherwise. */
    NodeSetup node(String name) {
        return new NodeSetup(name);
    }

    /**
     * A node's runner with its real start threads, on this cluster's database as {@code faults} changes it: it starts
     * the runs it is given with the executors given, and records them.
     */
    RunnerNode runner(String name, UnaryOperator<DataSource> faults, JobExecutor... executors) {
        ClockNode clock = nodes.stream().filter(node -> node.name.equals(name)).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("no node " + name + " claims the runs of its runner"));
        return new RunnerNode(name, faults.apply(database), time, clock.lease(), databaseClock, executors);
    }

    /** A job to add, with the database's defaults for everything not said. */
    JobSetup job(String name) {
        return new JobSetup(name);
    }

    final class NodeSetup {
        private final Map<String, String> settings = new LinkedHashMap<>();
        private UnaryOperator<DataSource> faults = UnaryOperator.identity();

        private NodeSetup(String name) {
            settings.put("pendule.node.name", name);
            settings.put("pendule.db.url", url); // shared by the cluster's nodes, as PostgreSQL is
        }

        /** How many runs it holds at once (PENDULE_WORKER_CAPACITY). */
        NodeSetup capacity(int runs) {
            settings.put("pendule.worker.capacity", Integer.toString(runs));
            return this;
        }

        /** How many fires it may queue ahead of its room (PENDULE_WORKER_QUEUE_AHEAD, its capacity by default). */
        NodeSetup queueAhead(int fires) {
            settings.put("pendule.worker.queue-ahead", Integer.toString(fires));
            return this;
        }

        /** Its tags, "key=value,key2=value2" (PENDULE_NODE_TAGS). */
        NodeSetup tags(String tags) {
            settings.put("pendule.node.tags", tags);
            return this;
        }

        /** How late a fire may be found and still run as usual (PENDULE_MISFIRE_THRESHOLD, a Go duration). */
        NodeSetup misfireThreshold(String duration) {
            settings.put("pendule.misfire.threshold", duration);
            return this;
        }

        /** Its database, as {@code faults} changes it (see FaultyDatabase). */
        NodeSetup through(UnaryOperator<DataSource> faults) {
            this.faults = faults;
            return this;
        }

        /** The node starts: it registers, and its clock arms its timer. */
        ClockNode up() {
            ClockNode node = new ClockNode(settings.get("pendule.node.name"), settings, faults.apply(database), time,
                    databaseClock);
            nodes.add(node);
            return node;
        }
    }

    final class JobSetup {
        private final String name;
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();

        private JobSetup(String name) {
            this.name = name;
            columns.put("executor", "shell");
            columns.put("executor_config", "{\"command\":\"true\"}");
        }

        private JobSetup with(String column, Object value) {
            columns.put(column, value);
            return this;
        }

        JobSetup schedule(String schedule) {
            return with("schedule", schedule);
        }

        /** allow, forbid or replace. */
        JobSetup concurrency(String policy) {
            return with("concurrency", policy);
        }

        /** The executor's name (shell unless told). */
        JobSetup executor(String name) {
            return with("executor", name);
        }

        /** The executor and its config, a JSON object of strings. */
        JobSetup executor(String name, String config) {
            return with("executor", name).with("executor_config", config);
        }

        /** skip, fire_once or catch_up. */
        JobSetup misfirePolicy(String policy) {
            return with("misfire_policy", policy);
        }

        JobSetup misfireMax(int fires) {
            return with("misfire_max", fires);
        }

        JobSetup startingDeadline(String duration) {
            return with("starting_deadline", duration);
        }

        /** {@code retries} retries after the first attempt, the first {@code delay} after a failure (times 2 after each). */
        JobSetup retries(int retries, String delay) {
            return with("retries", retries).with("retry_delay", delay);
        }

        /** The job's tags, "key=value,key2=value2": only nodes with each of them run it. */
        JobSetup tags(String tags) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String tag : tags.split(",")) {
                String[] pair = tag.split("=", 2);
                map.put(pair[0], pair[1]);
            }
            return with("tags", Json.write(map));
        }

        /** A gate: the job runs only once {@code job} has succeeded. */
        JobSetup requires(String job) {
            required.add(job);
            return this;
        }

        JobSetup disabled() {
            return with("disabled", true);
        }

        /**
         * Stored as a save stores it: the job's row with its next fire from now (none while disabled), its counters'
         * row, its tag and gate rows.
         */
        void add() {
            Instant now = time.instant();
            columns.put("name", name);
            columns.put("created_at", now);
            columns.put("updated_at", now);
            columns.put("next_fire_at", Boolean.TRUE.equals(columns.get("disabled")) ? null : schedules.nextFire(
                    (String) columns.getOrDefault("schedule", ""), "", name, now, null, null).orElse(null));
            List<String> names = List.copyOf(columns.keySet());
            update("INSERT INTO job (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")", columns.values().toArray());
            update("INSERT INTO job_stats (job_name) VALUES (?)", name);
            if (columns.get("tags") instanceof String tags) {
                Json.readStringMap(tags).forEach((key, value) ->
                        update("INSERT INTO job_tag (job_name, tag_key, tag_value) VALUES (?, ?, ?)", name, key, value));
            }
            required.forEach(job -> update("INSERT INTO job_gate (job_name, required_job) VALUES (?, ?)", name, job));
        }
    }

    /** An execution as its row says. */
    record Run(long id, long group, int attempt, String trigger, String status, Instant fireAt, Instant notBefore,
               String node, String error, Instant startedAt, Instant finishedAt, Instant cancelRequestedAt,
               String incarnation, String target) {

        @Override
        public String toString() {
            return id + " " + trigger + "#" + attempt + " " + status + (target.isEmpty() ? "" : " against " + target)
                    + (fireAt == null ? "" : " fire " + fireAt)
                    + " not before " + notBefore + (node == null ? "" : " on " + node)
                    + (error == null ? "" : " (" + error + ")");
        }
    }

    /** The executions of {@code job}, in the order of their ids. */
    List<Run> runs(String job) {
        return query("SELECT id, group_id, attempt, trigger, status, fire_at, not_before, node_name, error, started_at, "
                + "finished_at, cancel_requested_at, incarnation, target FROM execution WHERE job_name = ? ORDER BY id", job);
    }

    Run run(long id) {
        List<Run> runs = query("SELECT id, group_id, attempt, trigger, status, fire_at, not_before, node_name, error, "
                + "started_at, finished_at, cancel_requested_at, incarnation, target FROM execution WHERE id = ?", id);
        if (runs.isEmpty()) {
            throw new AssertionError("no execution " + id);
        }
        return runs.get(0);
    }

    /** The fire times of the job's scheduled executions in that status, oldest first. */
    List<Instant> fires(String job, String status) {
        return runs(job).stream().filter(r -> r.status().equals(status) && r.fireAt() != null).map(Run::fireAt).sorted()
                .toList();
    }

    /**
     * A run of {@code job} left running under the node's process without the node holding it, as a claim whose
     * COMMIT answer was lost leaves it: returns its id.
     */
    long runningBehindTheBackOf(ClockNode node, String job) {
        long id = 900_000 + DATABASES.incrementAndGet();
        Instant now = time.instant();
        update("INSERT INTO execution (id, job_name, group_id, attempt, trigger, status, scheduled_at, node_name, "
                + "created_at, not_before, incarnation) VALUES (?, ?, ?, 1, 'api', 'running', ?, ?, ?, ?, ?)",
                id, job, id, now, node.name, now, now, node.incarnation());
        return id;
    }

    /** Who started the execution by hand or through the API; null for Pendule's own runs. */
    String startedBy(long id) {
        return read("SELECT started_by FROM execution WHERE id = ?", id, rs -> rs.getString(1));
    }

    /** The audit log's events on {@code target}, oldest first: "action actor outcome details". */
    List<String> audit(String target) {
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT action, actor, outcome, details FROM audit_event "
                     + "WHERE target = ? ORDER BY at, id")) {
            bind(select, target);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The job's next fire, as the clock will find it. */
    Instant nextFire(String job) {
        return read("SELECT next_fire_at FROM job WHERE name = ?", job, rs -> SqlTime.get(rs, 1));
    }

    /** Why the clock gave up on the job, null while it is fine. */
    String broken(String job) {
        return read("SELECT broken FROM job WHERE name = ?", job, rs -> rs.getString(1));
    }

    /** A job's row changed behind the application's back, by plain SQL, as a hand or a bug may. */
    void changeJobRow(String job, String column, String value) {
        update("UPDATE job SET " + column + " = ? WHERE name = ?", value, job);
    }

    /** "successes/errors status", the job's counters as the recorder keeps them. */
    String counters(String job) {
        return read("SELECT success_count, error_count, status FROM job_stats WHERE job_name = ?", job,
                rs -> rs.getLong(1) + "/" + rs.getLong(2) + " " + rs.getString(3));
    }

    @Override
    public void close() throws SQLException {
        nodes.forEach(ClockNode::close);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T read(String sql, Object parameter, Reader<T> reader) {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameter);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + parameter + ": " + sql);
                }
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Run> query(String sql, Object parameter) {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameter);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong("id"), rs.getLong("group_id"), rs.getInt("attempt"), rs.getString("trigger"),
                            rs.getString("status"), SqlTime.get(rs, "fire_at"), SqlTime.get(rs, "not_before"),
                            rs.getString("node_name"), rs.getString("error"), SqlTime.get(rs, "started_at"),
                            SqlTime.get(rs, "finished_at"), SqlTime.get(rs, "cancel_requested_at"),
                            rs.getString("incarnation"), rs.getString("target")));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Instant instant) {
                SqlTime.set(statement, i + 1, instant);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}
