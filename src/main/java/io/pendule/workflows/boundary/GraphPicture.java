package io.pendule.workflows.boundary;

import io.pendule.workflows.entity.JobGraph;
import io.pendule.workflows.entity.JobLink;
import io.pendule.workflows.entity.JobNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dependencies page's picture of the job graph, its geometry computed here (the Content-Security-Policy allows
 * no style attribute): one column per depth, left to right, upstream jobs on the left; within a column the jobs are
 * ordered by a few barycenter passes, each job moved towards the mean row of its neighbours, which limits crossings.
 * At most {@link #MOST} jobs are drawn, the shallowest first.
 */
public record GraphPicture(List<Box> boxes, List<Line> lines, int width, int height, int drawn, int left) {

    public static final int MOST = 300;
    static final int BOX_WIDTH = 180;
    static final int BOX_HEIGHT = 36;
    static final int COLUMN_GAP = 70;
    static final int ROW_GAP = 16;
    static final int MARGIN = 12;
    static final int LABEL = 22;
    private static final int PASSES = 4;

    /**
     * A job's box: where, its text (cut when too long, and whole), its last status (success, failed, never or other), its
     * classes (the status, disabled, focus).
     */
    public record Box(int x, int y, int width, int height, String name, String label, String fullLabel, String status,
                      String classes, int column, int row) {

        public int textX() {
            return x + 10;
        }

        public int textY() {
            return y + height / 2 + 5;
        }
    }

    /** A relation drawn from the right side of the upstream box to the left side of the downstream one. */
    public record Line(int x1, int y1, int x2, int y2, String from, String to, String kind, String detail) {

        /** A cubic curve, level at both ends. */
        public String path() {
            int middle = (x1 + x2) / 2;
            return "M" + x1 + " " + y1 + " C" + middle + " " + y1 + " " + middle + " " + y2 + " " + x2 + " " + y2;
        }
    }

    public static GraphPicture of(JobGraph graph, String focus) {
        List<JobNode> shown = graph.nodes().stream()
                .sorted(Comparator.comparingInt(JobNode::depth).thenComparing(JobNode::name)).limit(MOST).toList();
        Map<String, JobNode> byName = new HashMap<>();
        shown.forEach(n -> byName.put(n.name(), n));
        List<JobLink> links = graph.links().stream()
                .filter(l -> byName.containsKey(l.from()) && byName.containsKey(l.to()) && !l.from().equals(l.to())).toList();
        List<List<String>> columns = columns(shown);
        order(columns, links);

        int tallest = columns.stream().mapToInt(List::size).max().orElse(0);
        Map<String, Box> boxes = new HashMap<>();
        List<Box> placed = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<String> column = columns.get(c);
            int offset = (tallest - column.size()) * (BOX_HEIGHT + ROW_GAP) / 2;
            for (int r = 0; r < column.size(); r++) {
                JobNode node = byName.get(column.get(r));
                Box box = new Box(MARGIN + c * (BOX_WIDTH + COLUMN_GAP), MARGIN + offset + r * (BOX_HEIGHT + ROW_GAP),
                        BOX_WIDTH, BOX_HEIGHT, node.name(), cut(node.label()), node.label(), status(node), classes(node, focus), c, r);
                boxes.put(node.name(), box);
                placed.add(box);
            }
        }
        List<Line> lines = links.stream().map(l -> line(l, boxes.get(l.from()), boxes.get(l.to()))).toList();
        int width = 2 * MARGIN + Math.max(0, columns.size() * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP);
        int height = 2 * MARGIN + Math.max(0, tallest * (BOX_HEIGHT + ROW_GAP) - ROW_GAP);
        return new GraphPicture(placed, lines, width, height, shown.size(), graph.nodes().size() - shown.size());
    }

    /** The jobs by column, one per depth present (depths with no job take no room), each column by name. */
    private static List<List<String>> columns(List<JobNode> nodes) {
        Map<Integer, List<String>> byDepth = new TreeMap<>();
        nodes.forEach(n -> byDepth.computeIfAbsent(n.depth(), d -> new ArrayList<>()).add(n.name()));
        return new ArrayList<>(byDepth.values());
    }

    /** Barycenter passes: left to right after the upstream neighbours, then right to left after the downstream ones. */
    private static void order(List<List<String>> columns, List<JobLink> links) {
        Map<String, List<String>> upstream = new HashMap<>();
        Map<String, List<String>> downstream = new HashMap<>();
        for (JobLink link : links) {
            upstream.computeIfAbsent(link.to(), k -> new ArrayList<>()).add(link.from());
            downstream.computeIfAbsent(link.from(), k -> new ArrayList<>()).add(link.to());
        }
        for (int pass = 0; pass < PASSES; pass++) {
            for (int c = 1; c < columns.size(); c++) {
                sortByNeighbours(columns.get(c), upstream, rows(columns));
            }
            for (int c = columns.size() - 2; c >= 0; c--) {
                sortByNeighbours(columns.get(c), downstream, rows(columns));
            }
        }
    }

    /** Each job's row, relative to its column's middle, so that columns of different heights compare. */
    private static Map<String, Double> rows(List<List<String>> columns) {
        Map<String, Double> rows = new HashMap<>();
        for (List<String> column : columns) {
            for (int r = 0; r < column.size(); r++) {
                rows.put(column.get(r), r - (column.size() - 1) / 2.0);
            }
        }
        return rows;
    }

    /** A job without neighbours on that side keeps its row; the sort is stable, so ties keep their order. */
    private static void sortByNeighbours(List<String> column, Map<String, List<String>> neighbours, Map<String, Double> rows) {
        Map<String, Double> weight = new HashMap<>();
        for (String job : column) {
            double mean = neighbours.getOrDefault(job, List.of()).stream().mapToDouble(rows::get).average()
                    .orElse(rows.get(job));
            weight.put(job, mean);
        }
        column.sort(Comparator.comparingDouble(weight::get));
    }

    private static Line line(JobLink link, Box from, Box to) {
        return new Line(from.x() + from.width(), from.y() + from.height() / 2, to.x(), to.y() + to.height() / 2,
                link.from(), link.to(), link.kind().code(), link.detail());
    }

    /** Dkron's job statuses, reduced to what the picture tells apart (partially_failed is a failure). */
    private static String status(JobNode node) {
        return switch (node.status()) {
            case "" -> "never";
            case "success" -> "success";
            case "failed", "partially_failed" -> "failed";
            default -> "other";
        };
    }

    private static String classes(JobNode node, String focus) {
        return "job " + status(node) + (node.disabled() ? " disabled" : "") + (node.name().equals(focus) ? " focus" : "");
    }

    private static String cut(String label) {
        return label.length() <= LABEL ? label : label.substring(0, LABEL - 1) + "…";
    }
}
