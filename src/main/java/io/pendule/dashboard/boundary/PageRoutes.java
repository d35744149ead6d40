package io.pendule.dashboard.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes of a page servlet: a method, a path pattern under the servlet (its groups are the path's parts), the role
 * a caller needs (viewer, operator or admin: every route declares one) and the page controller's method that answers.
 * The first route matching wins; none matching is a 404 page; a caller without the role gets a 403 page.
 */
public final class PageRoutes {

    @FunctionalInterface
    public interface PageAction {
        void handle(HttpServletRequest request, HttpServletResponse response, List<String> parts) throws IOException;
    }

    /** A route as the access rules see it: which method and path pattern need which role. */
    public record Rule(String method, String path, String role) {
    }

    private record Route(String method, Pattern path, String role, PageAction action) {
    }

    /** The request attribute naming the role of the route that refused the request, for its {@code forbidden} action. */
    public static final String NEEDED_ROLE = "pendule.neededRole";

    private final List<Route> routes = new ArrayList<>();

    public PageRoutes get(String role, String path, PageAction action) {
        routes.add(new Route("GET", Pattern.compile(path), role, action));
        return this;
    }

    public PageRoutes post(String role, String path, PageAction action) {
        routes.add(new Route("POST", Pattern.compile(path), role, action));
        return this;
    }

    /** Every route's rule, in order. */
    public List<Rule> rules() {
        return routes.stream().map(route -> new Rule(route.method(), route.path().pattern(), route.role())).toList();
    }

    /**
     * Answers the request with the first matching route, or with {@code forbidden} when the caller lacks its role;
     * false when none matches.
     */
    public boolean dispatch(HttpServletRequest request, HttpServletResponse response, PageAction forbidden) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        for (Route route : routes) {
            Matcher matcher = route.path.matcher(path);
            if (route.method.equals(request.getMethod()) && matcher.matches()) {
                List<String> parts = new ArrayList<>();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    parts.add(matcher.group(group));
                }
                if (request.isUserInRole(route.role())) {
                    route.action().handle(request, response, parts);
                } else {
                    request.setAttribute(NEEDED_ROLE, route.role());
                    forbidden.handle(request, response, parts);
                }
                return true;
            }
        }
        return false;
    }
}
