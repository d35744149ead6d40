package io.pendule.jobs.boundary;

import io.pendule.jobs.boundary.ExecutionPage;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.Pages;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Every page under /jobs, routed to its controller: the list, a job, one of its executions. Job names are
 * [a-z0-9_-], so a name is always one path segment. Every action is a POST form, protected against cross-site
 * requests by security.boundary.FormTokenFilter.
 */
@WebServlet(urlPatterns = {"/jobs", "/jobs/*"})
public class JobPages extends HttpServlet {

    private static final String NAME = "/([^/]+)";
    private static final String EXECUTION = NAME + "/executions/(\\d{1,18})";

    @Inject
    Pages pages;
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

    private PageRoutes routes;

    @Override
    public void init() {
        routes = new PageRoutes()
                .get("/?", (request, response, parts) -> list.show(request, response))
                .post("/?", (request, response, parts) -> bulk.act(request, response))
                .get(NAME, (request, response, parts) -> job.show(request, response, parts.get(0)))
                .get(NAME + "/edit", (request, response, parts) -> editor.showEdit(request, response, parts.get(0)))
                .post(NAME + "/edit", (request, response, parts) -> editor.update(request, response, parts.get(0)))
                .get(NAME + "/clone", (request, response, parts) -> editor.showClone(request, response, parts.get(0)))
                .post(NAME + "/(run|toggle|clear|delete)", (request, response, parts) -> job.act(request, response, parts.get(0), parts.get(1)))
                .get(EXECUTION, (request, response, parts) -> execution.show(request, response, parts.get(0), Long.parseLong(parts.get(1))))
                .get(EXECUTION + "/live", (request, response, parts) -> execution.live(request, response, parts.get(0), Long.parseLong(parts.get(1))))
                .post(EXECUTION + "/cancel", (request, response, parts) -> execution.cancel(request, response, parts.get(0), Long.parseLong(parts.get(1))));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!routes.dispatch(request, response)) {
                pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            }
        } catch (RuntimeException e) {
            pages.failure(request, response, e);
        }
    }
}
