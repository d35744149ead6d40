package io.pendule.dashboard.boundary;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * A page servlet whose GETs and POSTs go through its {@link PageRoutes}, each with the role it needs; a failure the
 * reader caused gets its error page ({@link Pages#failure}); a refusal is announced ({@link PageRefused}) for the audit
 * log.
 */
public abstract class RoutedPages extends HttpServlet {

    @Inject
    protected Pages pages;
    @Inject
    Event<PageRefused> refusals;

    private PageRoutes routes;

    /** This servlet's routes, each with its role. */
    protected abstract PageRoutes routes();

    @Override
    public void init() {
        routes = routes();
    }

    /** The access rules of these pages, for the tests that walk every route. */
    public List<PageRoutes.Rule> rules() {
        return routes().rules();
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
            if (!routes.dispatch(request, response, this::refuse)) {
                pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            }
        } catch (RuntimeException e) {
            pages.failure(request, response, e);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, List<String> parts) throws IOException {
        refusals.fire(new PageRefused(request, String.valueOf(request.getAttribute(PageRoutes.NEEDED_ROLE))));
        pages.forbidden(request, response, parts);
    }
}
