package io.pendule.jobs.boundary;

import io.pendule.cluster.control.Members;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.jobs.control.JobCatalog;
import io.pendule.jobs.control.JobQuery;
import io.pendule.jobs.control.JobSort;
import io.pendule.platform.Pages;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The dashboard's home page (/): how many jobs, enabled, running now, failed in the last 24 h; the recent failures,
 * the runs going on, the next fires and the nodes. Dkron's /ui/ bookmarks land here too.
 */
@WebServlet(urlPatterns = {"", "/ui", "/ui/*"})
public class OverviewPage extends HttpServlet {

    static final int LISTED = 10;

    @Inject
    Pages pages;
    @Inject
    JobCatalog jobs;
    @Inject
    ExecutionHistory executions;
    @Inject
    Members members;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().startsWith("/ui")) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        var running = executions.running();
        Map<String, Object> model = new HashMap<>();
        model.put("jobCount", jobs.find(new JobQuery(null, null, null, Map.of(), JobSort.NAME, false, 0, 0)).total());
        model.put("enabledCount", jobs.find(new JobQuery(null, null, false, Map.of(), JobSort.NAME, false, 0, 0)).total());
        model.put("runningCount", running.size());
        model.put("failedCount", executions.countFailedSince(dayAgo));
        model.put("failures", executions.failedSince(dayAgo, LISTED));
        model.put("running", running.stream().limit(LISTED).toList());
        model.put("nextFires", jobs.find(new JobQuery(null, null, false, Map.of(), JobSort.NEXT, false, 0, LISTED)).jobs()
                .stream().filter(job -> job.getNextFireAt() != null).toList());
        model.put("nodes", members.all());
        pages.render(request, response, "overview", model);
    }
}
