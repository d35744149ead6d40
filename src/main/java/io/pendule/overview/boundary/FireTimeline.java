package io.pendule.overview.boundary;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The overview's timeline of the next fires: one lane per job, a tick per fire, over the shortest of an hour, a day
 * or a week that holds every job's next fire (later fires are only in the list below it). The geometry is computed
 * here, for the Content-Security-Policy allows no style attribute.
 */
public record FireTimeline(List<Lane> lanes, List<Mark> axis, int width, int height, String span) {

    static final List<Duration> SPANS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));
    static final int LABELS = 170;
    static final int WIDTH = 800;
    static final int LANE = 22;
    static final int AXIS = 24;
    static final int PARTS = 4;

    /** A job's upcoming fires. */
    public record Fires(String job, String label, List<Instant> at) {
    }

    /** A job's lane: its label at the left, its ticks. */
    public record Lane(String job, String label, int y, int textY, List<Tick> ticks) {
    }

    public record Tick(int x, int y, int height, Instant at) {
    }

    /** A graduation of the axis: where, and how far from now (amount and unit: min, h or d). */
    public record Mark(int x, int amount, String unit) {
    }

    /** The shortest span that holds every one of these next fires. */
    public static Duration spanFor(List<Instant> nextFires, Instant now) {
        return SPANS.stream().filter(s -> nextFires.stream().allMatch(next -> !next.isAfter(now.plus(s))))
                .findFirst().orElse(SPANS.get(SPANS.size() - 1));
    }

    public static FireTimeline of(List<Fires> jobs, Instant now) {
        Duration span = spanFor(jobs.stream().filter(j -> !j.at().isEmpty()).map(j -> j.at().get(0)).toList(), now);
        int plot = WIDTH - LABELS - 10;
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Fires job = jobs.get(i);
            int y = i * LANE;
            List<Tick> ticks = job.at().stream().filter(t -> !t.isBefore(now) && !t.isAfter(now.plus(span)))
                    .map(t -> new Tick(LABELS + (int) Math.round(plot * (double) Duration.between(now, t).toMillis() / span.toMillis()),
                            y + 4, LANE - 8, t)).toList();
            lanes.add(new Lane(job.job(), job.label(), y, y + LANE / 2 + 5, ticks));
        }
        List<Mark> axis = new ArrayList<>();
        for (int part = 0; part <= PARTS; part++) {
            long minutes = span.toMinutes() * part / PARTS;
            int x = LABELS + plot * part / PARTS;
            axis.add(minutes % (24 * 60) == 0 && minutes > 0 && span.toDays() > 1 ? new Mark(x, (int) (minutes / (24 * 60)), "d")
                    : minutes % 60 == 0 ? new Mark(x, (int) (minutes / 60), "h") : new Mark(x, (int) minutes, "min"));
        }
        return new FireTimeline(lanes, axis, WIDTH, jobs.size() * LANE + AXIS, span.toHours() + "h");
    }

    /** Where the axis line is drawn. */
    public int axisY() {
        return height - AXIS + 4;
    }

    public int plotStart() {
        return LABELS;
    }
}
