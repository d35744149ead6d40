package io.pendule.workflows.boundary;

import io.pendule.workflows.entity.JobGraph;
import io.pendule.workflows.entity.JobLink;
import io.pendule.workflows.entity.JobNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphPictureTest {

    private static JobNode node(String name, int depth) {
        return new JobNode(name, "", depth, false, "success");
    }

    private static JobLink parent(String from, String to) {
        return new JobLink(from, to, JobLink.Kind.PARENT, "");
    }

    /** extract (0) feeds load (1) and a gate check (1); report (2) depends on load; b-side (0) → a-side (1). */
    private static JobGraph sample() {
        return new JobGraph(List.of(node("extract", 0), node("z-source", 0), node("load", 1), node("check", 1),
                node("a-target", 1), node("report", 2), node("alone", 0)),
                List.of(parent("extract", "load"), new JobLink("extract", "check", JobLink.Kind.REQUIRES, "24h"),
                        new JobLink("load", "report", JobLink.Kind.DEPENDS_ON, "on_failure"),
                        parent("z-source", "a-target")), 10);
    }

    private static Map<String, GraphPicture.Box> boxes(GraphPicture picture) {
        return picture.boxes().stream().collect(Collectors.toMap(GraphPicture.Box::name, Function.identity()));
    }

    @Test
    void columnsFollowTheDepthLeftToRight() {
        Map<String, GraphPicture.Box> boxes = boxes(GraphPicture.of(sample(), null));
        assertEquals(boxes.get("extract").x(), boxes.get("z-source").x());
        assertEquals(boxes.get("load").x(), boxes.get("check").x());
        assertTrue(boxes.get("extract").x() < boxes.get("load").x());
        assertTrue(boxes.get("load").x() + boxes.get("load").width() < boxes.get("report").x());
        assertEquals(0, boxes.get("extract").column());
        assertEquals(2, boxes.get("report").column());
    }

    @Test
    void depthsWithoutJobsTakeNoColumn() {
        JobGraph graph = new JobGraph(List.of(node("top", 0), node("deep", 5)), List.of(parent("top", "deep")), 2);
        assertEquals(1, boxes(GraphPicture.of(graph, null)).get("deep").column());
    }

    @Test
    void boxesNeverOverlapAndFitThePicture() {
        List<JobNode> nodes = new ArrayList<>();
        List<JobLink> links = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            nodes.add(node("job-" + i, i % 4));
            if (i >= 4) {
                links.add(parent("job-" + (i - 4 + (i * 7) % 3), "job-" + i));
            }
        }
        GraphPicture picture = GraphPicture.of(new JobGraph(nodes, links, 60), null);
        List<GraphPicture.Box> boxes = picture.boxes();
        assertEquals(60, boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            GraphPicture.Box a = boxes.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.x() + a.width() <= picture.width() && a.y() + a.height() <= picture.height(),
                    a + " inside " + picture.width() + "x" + picture.height());
            for (int j = i + 1; j < boxes.size(); j++) {
                GraphPicture.Box b = boxes.get(j);
                boolean apart = a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertTrue(apart, a + " overlaps " + b);
            }
        }
    }

    @Test
    void everyLineGoesFromItsSourceToItsTarget() {
        GraphPicture picture = GraphPicture.of(sample(), null);
        Map<String, GraphPicture.Box> boxes = boxes(picture);
        assertEquals(4, picture.lines().size());
        for (GraphPicture.Line line : picture.lines()) {
            GraphPicture.Box from = boxes.get(line.from());
            GraphPicture.Box to = boxes.get(line.to());
            assertEquals(from.x() + from.width(), line.x1());
            assertEquals(from.y() + from.height() / 2, line.y1());
            assertEquals(to.x(), line.x2());
            assertEquals(to.y() + to.height() / 2, line.y2());
            assertTrue(line.path().startsWith("M" + line.x1() + " " + line.y1() + " "), line.path());
            assertTrue(line.path().endsWith(" " + line.x2() + " " + line.y2()), line.path());
        }
        GraphPicture.Line gate = picture.lines().stream().filter(l -> l.to().equals("check")).findFirst().orElseThrow();
        assertEquals("requires", gate.kind());
        assertEquals("24h", gate.detail());
    }

    @Test
    void theBarycenterPassUncrossesTwoChains() {
        // By name alone, a-target would sit above load although its parent z-source sits below extract.
        Map<String, GraphPicture.Box> boxes = boxes(GraphPicture.of(sample(), null));
        assertTrue(boxes.get("extract").y() < boxes.get("z-source").y());
        assertTrue(boxes.get("a-target").y() > boxes.get("load").y(), "a-target follows z-source down");
    }

    @Test
    void focusKeepsAncestorsAndDescendantsOnlyAndMarksTheJob() {
        JobGraph around = sample().around("load");
        assertEquals(List.of("extract", "load", "report"), around.nodes().stream().map(JobNode::name).toList());
        assertEquals(2, around.links().size());
        GraphPicture picture = GraphPicture.of(around, "load");
        assertTrue(boxes(picture).get("load").classes().contains("focus"));
        assertFalse(boxes(picture).get("extract").classes().contains("focus"));
    }

    @Test
    void largeGraphsAreCutAndSaySo() {
        List<JobNode> nodes = new ArrayList<>();
        for (int i = 0; i < GraphPicture.MOST + 25; i++) {
            nodes.add(node(String.format("job-%04d", i), i % 3));
        }
        GraphPicture picture = GraphPicture.of(new JobGraph(nodes, List.of(parent("job-0000", "job-0001")), nodes.size()), null);
        assertEquals(GraphPicture.MOST, picture.drawn());
        assertEquals(25, picture.left());
    }

    @Test
    void statusDisabledAndLongLabelsShow() {
        JobGraph graph = new JobGraph(List.of(new JobNode("a", "A very long display name for a job", 0, true, "failed"),
                new JobNode("b", "", 1, false, "")), List.of(parent("a", "b")), 2);
        Map<String, GraphPicture.Box> boxes = boxes(GraphPicture.of(graph, null));
        assertEquals("job failed disabled", boxes.get("a").classes());
        assertEquals("job never", boxes.get("b").classes());
        assertEquals(GraphPicture.LABEL, boxes.get("a").label().length());
        assertTrue(boxes.get("a").label().endsWith("…"));
        assertEquals("b", boxes.get("b").label());
        assertEquals(5, sampleStandalone());
    }

    private static long sampleStandalone() {
        return new JobGraph(List.of(node("x", 0), node("y", 1)), List.of(parent("x", "y")), 7).standalone();
    }
}
