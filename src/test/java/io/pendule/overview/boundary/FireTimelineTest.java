package io.pendule.overview.boundary;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FireTimelineTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static FireTimeline.Fires every(String job, Duration step, int count) {
        return new FireTimeline.Fires(job, job, java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> NOW.plus(step.multipliedBy(i))).toList());
    }

    @Test
    void anHourWhenEveryJobFiresWithinTheHour() {
        FireTimeline timeline = FireTimeline.of(List.of(every("a", Duration.ofMinutes(15), 10), every("b", Duration.ofMinutes(50), 3)), NOW);
        assertEquals("1h", timeline.span());
        assertEquals(4, timeline.lanes().get(0).ticks().size(), "15, 30, 45 and 60 minutes");
        assertEquals(1, timeline.lanes().get(1).ticks().size());
        assertEquals(List.of(0, 15, 30, 45, 1), timeline.axis().stream().map(FireTimeline.Mark::amount).toList());
        assertEquals("h", timeline.axis().get(4).unit());
    }

    @Test
    void aDayOrAWeekWhenANextFireIsLater() {
        assertEquals("24h", FireTimeline.of(List.of(every("a", Duration.ofHours(5), 3)), NOW).span());
        FireTimeline week = FireTimeline.of(List.of(every("a", Duration.ofMinutes(1), 3), every("b", Duration.ofDays(30), 1)), NOW);
        assertEquals("168h", week.span());
        assertTrue(week.lanes().get(1).ticks().isEmpty(), "a fire beyond the week is only in the list");
        assertEquals("d", week.axis().get(4).unit());
        assertEquals(7, week.axis().get(4).amount());
    }

    @Test
    void ticksGrowWithTimeAndStayInThePlot() {
        FireTimeline timeline = FireTimeline.of(List.of(every("a", Duration.ofMinutes(15), 4)), NOW);
        List<FireTimeline.Tick> ticks = timeline.lanes().get(0).ticks();
        for (int i = 1; i < ticks.size(); i++) {
            assertTrue(ticks.get(i).x() > ticks.get(i - 1).x());
        }
        assertTrue(ticks.get(0).x() > timeline.plotStart());
        assertTrue(ticks.get(ticks.size() - 1).x() <= timeline.width());
        assertEquals(timeline.axis().get(4).x(), ticks.get(3).x(), "the last fire at the hour's mark");
    }

    @Test
    void lanesDoNotOverlap() {
        FireTimeline timeline = FireTimeline.of(List.of(every("a", Duration.ofMinutes(5), 3), every("b", Duration.ofMinutes(5), 3)), NOW);
        FireTimeline.Tick first = timeline.lanes().get(0).ticks().get(0);
        FireTimeline.Tick second = timeline.lanes().get(1).ticks().get(0);
        assertTrue(first.y() + first.height() < second.y());
        assertTrue(timeline.axisY() >= timeline.lanes().get(1).y() + FireTimeline.LANE);
    }
}
