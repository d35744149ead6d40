package io.pendule.executions.boundary;

import io.pendule.executions.entity.Execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bar chart of a job page: the durations of the runs shown, oldest on the left, drawn as SVG rectangles whose
 * geometry is computed here (the Content-Security-Policy allows no style attribute), and the success rate of the
 * finished runs among them.
 */
public record DurationChart(List<Bar> bars, int width, int height, long longestMillis, Integer successPercent) {

    static final int HEIGHT = 100;
    static final int BAR = 12;
    static final int GAP = 2;

    /** One run: its rectangle, its status (the bar's class) and its tooltip. */
    public record Bar(int x, int y, int width, int height, String status, String label) {
    }

    /**
     * Of a page of history, newest first as shown; runs not started or not finished have no bar. The chart is as wide
     * as {@code pageSize} bars (the template's viewBox), so a short page does not stretch its bars.
     */
    public static DurationChart of(List<Execution> newestFirst, int pageSize) {
        List<Execution> measured = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Execution e = newestFirst.get(i);
            if (e.getStartedAt() != null && e.getFinishedAt() != null) {
                measured.add(e);
            }
        }
        long longest = measured.stream().mapToLong(DurationChart::millis).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Execution e = measured.get(i);
            long millis = millis(e);
            int h = longest == 0 ? 1 : (int) Math.max(1, Math.round(millis * (double) HEIGHT / longest));
            bars.add(new Bar(i * (BAR + GAP), HEIGHT - h, BAR, h, e.status().code(),
                    "#" + e.getId() + " " + e.status().code() + " " + format(millis)));
        }
        long finished = newestFirst.stream().filter(e -> e.status().finished()).count();
        long succeeded = newestFirst.stream().filter(e -> e.status().success()).count();
        Integer rate = finished == 0 ? null : (int) Math.round(succeeded * 100.0 / finished);
        return new DurationChart(bars, pageSize * (BAR + GAP), HEIGHT, longest, rate);
    }

    /** The longest run shown, in words. */
    public String longest() {
        return format(longestMillis);
    }

    public static long millis(Execution e) {
        return Math.max(0, Duration.between(e.getStartedAt(), e.getFinishedAt()).toMillis());
    }

    /** "850 ms", "12.3 s", "4 min 05 s", "2 h 03 min". */
    public static String format(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
