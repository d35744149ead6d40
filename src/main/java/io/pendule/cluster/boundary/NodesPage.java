package io.pendule.cluster.boundary;

import io.pendule.cluster.control.Members;
import io.pendule.cluster.entity.Member;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.entity.Execution;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.platform.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * /nodes: the cluster's nodes with their roles, tags, status and heartbeat, the one Dkron's tools take for the
 * leader, how many runs each holds now; this node's run capacity (the others' is not stored).
 */
@WebServlet("/nodes")
public class NodesPage extends HttpServlet {

    @Inject
    Pages pages;
    @Inject
    Members members;
    @Inject
    ExecutionHistory history;
    @Inject
    Settings settings;

    /** A node as the page shows it: how long since its heartbeat, how many runs it holds, whether it is the leader. */
    public record Row(Member node, long secondsSinceHeartbeat, long running, boolean leader, boolean self) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant now = Instant.now();
        List<Member> all = members.all();
        String leader = members.leader().map(Member::name).orElse("");
        Map<String, Long> running = history.runningSummaries().stream().filter(e -> e.getNodeName() != null)
                .collect(Collectors.groupingBy(Execution::getNodeName, Collectors.counting()));
        List<Row> rows = all.stream().map(m -> new Row(m, Math.max(0, Duration.between(m.heartbeatAt(), now).toSeconds()),
                running.getOrDefault(m.name(), 0L), m.name().equals(leader), m.name().equals(settings.nodeName()))).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("capacity", settings.workerCapacity());
        pages.render(request, response, "nodes", model);
    }
}
