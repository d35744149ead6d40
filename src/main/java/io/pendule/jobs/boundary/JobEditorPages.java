package io.pendule.jobs.boundary;

import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;


/** /new: the job editor on a new job (a job named "new" keeps its /jobs/new page). Editing and cloning are in JobPages. */
@WebServlet("/new")
public class JobEditorPages extends RoutedPages {

    @Inject
    JobEditorPage editor;

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.OPERATOR_NAME, "/?", (request, response, parts) -> editor.showNew(request, response))
                .post(Role.OPERATOR_NAME, "/?", (request, response, parts) -> editor.create(request, response));
    }
}
