package io.pendule.dashboard.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of a page servlet: a method, a path pattern under the servlet (its groups are the path's parts) and the
 * page controller's method that answers. The first route matching wins; none matching is a 404 page.
 */
public final class PageRoutes {

    @FunctionalInterface
    public interface PageAction {
        void handle(HttpServletRequest request, HttpServletResponse response, List<String> parts) throws IOException;
    }

    private record Route(String method, Pattern path, PageAction action) {
    }

    private final List<Route> routes = new ArrayList<>();

    public PageRoutes get(String path, PageAction action) {
        routes.add(new Route("GET", Pattern.compile(path), action));
        return this;
    }

    public PageRoutes post(String path, PageAction action) {
        routes.add(new Route("POST", Pattern.compile(path), action));
        return this;
    }

    /** Answers the request with the first matching route; false when none matches. */
    public boolean dispatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        for (Route route : routes) {
            Matcher matcher = route.path.matcher(path);
            if (route.method.equals(request.getMethod()) && matcher.matches()) {
                List<String> parts = new ArrayList<>();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    parts.add(matcher.group(group));
                }
                route.action.handle(request, response, parts);
                return true;
            }
        }
        return false;
    }
}
