package io.pendule.clock.control;

import io.pendule.database.control.FlakyDataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.pendule.clock.control.ClockFixture.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After Quartz's flaky data source tests: two nodes fire 100 jobs every second for 5 seconds while a share of their
 * connections is refused and of their commits fails, before the database committed or after (an ambiguous commit).
 * Once the faults stop and a lease has passed: no fire has two executions, none is left running, every fire has one.
 */
class FlakyDatabaseOnH2Test {

    private static final int JOBS = 100;
    private static final int FIRES = 5;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:59");
    private final List<FlakyDataSource> databases = new ArrayList<>();

    private ClockNode node(String name) {
        return cluster.node(name).through(database -> {
            FlakyDataSource flaky = new FlakyDataSource(database);
            databases.add(flaky);
            return flaky;
        }).up();
    }

    @Test
    void faultsOfTheDatabaseNeitherDuplicateNorLoseNorWedgeAFire() {
        List<ClockNode> nodes = List.of(node("a"), node("b"));
        for (int i = 0; i < JOBS; i++) {
            cluster.job("job-" + i).schedule("@every 1s").add();
        }
        databases.forEach(flaky -> flaky.failing(0.3, 0.15, 0.15));
        cluster.moveTimeTo("08:59:59.500");
        for (int second = 0; second < FIRES; second++) {
            Map<ClockNode, List<Long>> claimed = new TreeMap<>((x, y) -> x.name.compareTo(y.name));
            nodes.forEach(node -> claimed.put(node, node.tickThroughFaults()));
            cluster.moveTime(Duration.ofMillis(500));
            claimed.forEach((node, runs) -> node.runAndSucceed(runs, Duration.ZERO));
            cluster.moveTime(Duration.ofMillis(500));
        }
        long faults = databases.stream().mapToLong(FlakyDataSource::faults).sum();
        databases.forEach(FlakyDataSource::heal);
        assertTrue(faults >= 5, "the database failed only " + faults + " times");

        // fires the faults delayed are caught up by the next ticks, within the misfire threshold
        for (int round = 0; round < 20; round++) {
            boolean claimedAny = false;
            for (ClockNode node : nodes) {
                List<Long> runs = node.tick();
                claimedAny |= !runs.isEmpty();
                assertTrue(node.runAndSucceed(runs, PATIENCE), "node " + node.name + " could not record its runs");
            }
            if (!claimedAny) {
                break;
            }
        }
        nodes.forEach(node -> assertTrue(node.runAndSucceed(List.of(), PATIENCE), "node " + node.name + " recorder wedged"));
        nodes.get(0).pauseScheduler();
        cluster.moveTime(Duration.ofSeconds(40));
        nodes.forEach(ClockNode::heartbeat);

        List<String> duplicates = new ArrayList<>();
        List<String> running = new ArrayList<>();
        List<String> unaccounted = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String job = "job-" + i;
            List<ClockFixture.Run> runs = cluster.runs(job);
            Map<Instant, Long> perFire = runs.stream().filter(run -> run.fireAt() != null)
                    .collect(Collectors.groupingBy(ClockFixture.Run::fireAt, Collectors.counting()));
            perFire.forEach((at, count) -> {
                if (count > 1) {
                    duplicates.add(job + " @" + at + " x" + count);
                }
            });
            runs.stream().filter(run -> run.status().equals("running")).map(run -> job + ": " + run).forEach(running::add);
            for (int second = 0; second < FIRES; second++) {
                Instant fire = time("09:00:00").plusSeconds(second);
                if (!perFire.containsKey(fire)) {
                    unaccounted.add(job + " @" + fire);
                }
            }
        }
        String faultsSeen = faults + " faults (" + databases.stream().map(FlakyDataSource::toString)
                .collect(Collectors.joining(", ")) + ")";
        assertEquals(List.of(), duplicates, "fires with two executions after " + faultsSeen);
        assertEquals(List.of(), unaccounted, "fires without an execution after " + faultsSeen);
        assertEquals(List.of(), running, "executions left running after the faults stopped and a lease passed, " + faultsSeen);
    }
}
