package io.pendule.executions.boundary;

import io.pendule.executions.entity.Execution;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DurationChartTest {

    private static Execution run(long id, String status, Long millis) throws Exception {
        Constructor<Execution> constructor = Execution.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        Execution execution = constructor.newInstance();
        set(execution, "id", id);
        set(execution, "status", status);
        Instant start = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(id * 60);
        if (millis != null) {
            set(execution, "startedAt", start);
            set(execution, "finishedAt", start.plusMillis(millis));
        }
        return execution;
    }

    private static void set(Execution execution, String field, Object value) throws Exception {
        Field f = Execution.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(execution, value);
    }

    @Test
    void barsAreScaledToTheLongestRunOldestOnTheLeft() throws Exception {
        DurationChart chart = DurationChart.of(List.of(run(3, "queued", null), run(2, "failed", 500L), run(1, "succeeded", 2000L)), 20);
        assertEquals(2, chart.bars().size(), "the queued run has no bar");
        assertEquals(new DurationChart.Bar(0, 0, 12, 100, "succeeded", "#1 succeeded 2.0 s"), chart.bars().get(0));
        assertEquals(new DurationChart.Bar(14, 75, 12, 25, "failed", "#2 failed 500 ms"), chart.bars().get(1));
        assertEquals(50, chart.successPercent(), "one success among two finished runs");
        assertEquals("2.0 s", chart.longest());
    }

    @Test
    void noFinishedRunNoRate() throws Exception {
        DurationChart chart = DurationChart.of(List.of(run(1, "running", null)), 20);
        assertEquals(0, chart.bars().size());
        assertNull(chart.successPercent());
    }

    @Test
    void durationsInWords() {
        assertEquals("850 ms", DurationChart.format(850));
        assertEquals("12.3 s", DurationChart.format(12_345));
        assertEquals("4 min 05 s", DurationChart.format(245_000));
        assertEquals("2 h 03 min", DurationChart.format(7_380_000));
    }
}
