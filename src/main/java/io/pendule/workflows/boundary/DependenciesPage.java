package io.pendule.workflows.boundary;

import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.dashboard.boundary.Pages;
import io.pendule.workflows.control.JobGraphs;
import io.pendule.workflows.entity.JobGraph;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * /dependencies: the picture of the job graph (parents and children, depends_on, requires gates) with each job's last
 * status; ?job= narrows it to that job's ancestors and descendants.
 */
@WebServlet("/dependencies")
public class DependenciesPage extends HttpServlet {

    @Inject
    Pages pages;
    @Inject
    JobGraphs graphs;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String focus = PageParameters.blank(request.getParameter("job")) ? null : request.getParameter("job").trim();
        if (focus != null && !graphs.exists(focus)) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        JobGraph whole = graphs.graph();
        JobGraph shown = focus == null ? whole : whole.around(focus);
        Map<String, Object> model = new HashMap<>();
        model.put("focus", focus);
        model.put("graph", shown);
        model.put("standalone", whole.standalone());
        model.put("picture", GraphPicture.of(shown, focus));
        model.put("most", GraphPicture.MOST);
        pages.render(request, response, "dependencies", model);
    }
}
