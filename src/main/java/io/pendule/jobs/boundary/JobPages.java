package io.pendule.jobs.boundary;

import io.pendule.jobs.boundary.ExecutionPage;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;


/**
 * Every page under /jobs, routed to its controller: the list, a job, one of its executions. Job names are
 * [a-z0-9_-], so a name is always one path segment. Every action is a POST form, protected against cross-site
 * requests by security.boundary.FormTokenFilter.
 */
@WebServlet(urlPatterns = {"/jobs", "/jobs/*"})
public class JobPages extends RoutedPages {

    private static final String NAME = "/([^/]+)";
    private static final String EXECUTION = NAME + "/executions/(\\d{1,18})";

    @Inject
    JobListPage list;
    @Inject
    JobBulkActions bulk;
    @Inject
    JobPage job;
    @Inject
    ExecutionPage execution;
    @Inject
    JobEditorPage editor;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> list.show(request, response))
                .post(Role.OPERATOR_NAME, "/?", (request, response, parts) -> bulk.act(request, response))
                .get(Role.VIEWER_NAME, NAME, (request, response, parts) -> job.show(request, response, parts.get(0)))
                .get(Role.OPERATOR_NAME, NAME + "/edit", (request, response, parts) -> editor.showEdit(request, response, parts.get(0)))
                .post(Role.OPERATOR_NAME, NAME + "/edit", (request, response, parts) -> editor.update(request, response, parts.get(0)))
                .get(Role.OPERATOR_NAME, NAME + "/clone", (request, response, parts) -> editor.showClone(request, response, parts.get(0)))
                .post(Role.OPERATOR_NAME, NAME + "/(run|toggle|clear|delete)", (request, response, parts) -> job.act(request, response, parts.get(0), parts.get(1)))
                .get(Role.VIEWER_NAME, EXECUTION, (request, response, parts) -> execution.show(request, response, parts.get(0), Long.parseLong(parts.get(1))))
                .get(Role.VIEWER_NAME, EXECUTION + "/live", (request, response, parts) -> execution.live(request, response, parts.get(0), Long.parseLong(parts.get(1))))
                .post(Role.OPERATOR_NAME, EXECUTION + "/cancel", (request, response, parts) -> execution.cancel(request, response, parts.get(0), Long.parseLong(parts.get(1))));
    }
}
