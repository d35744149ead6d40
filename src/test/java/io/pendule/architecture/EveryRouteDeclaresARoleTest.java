package io.pendule.architecture;

import io.pendule.cluster.boundary.DkronHealth;
import io.pendule.dashboard.boundary.ErrorPages;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.security.boundary.SignInPages;
import io.pendule.security.boundary.SingleSignOnPages;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServlet;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deny by default, checked on the compiled classes (found by {@link Routes}, not listed by hand): every API resource
 * method declares a known role with {@code @RolesAllowed}; every servlet is one of the few open by design under
 * web.xml's open paths, or a {@link RoutedPages} whose routes all declare a role, or a servlet that only answers GET and
 * so needs web.xml's viewer. The integration tests SecurityOnEmbeddedIT and SecurityOnPostgresIT (SecurityScenarios)
 * call the same routes with every kind of caller.
 */
class EveryRouteDeclaresARoleTest {

    /** The servlets meant to answer without credentials (docs/security.md); a new one must be added here on purpose. */
    static final Set<Class<? extends HttpServlet>> OPEN_BY_DESIGN = Set.of(SignInPages.class, SingleSignOnPages.class, DkronHealth.class);
    /**
     * The servlet of web.xml's error pages: it answers the container's error dispatches of requests already let in (or
     * refused), and a request of its own with a 404; it acts on nothing.
     */
    static final Set<Class<? extends HttpServlet>> ERROR_PAGES = Set.of(ErrorPages.class);
    /** What web.xml must open, and nothing else. */
    static final Set<String> OPEN_PATHS = Set.of("/login", "/logout", "/login/sso", "/login/sso/callback", "/static/*",
            "/webjars/*", "/health", "/health/*", "/healthz", "/healthz/*");
    private static final Set<String> ROLES = Set.of(Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME);
    private static final List<String> WRITING_METHODS = List.of("doPost", "doPut", "doDelete", "doPatch", "service");
    private static final List<String> ANSWERING_METHODS = List.of("doGet", "doHead", "doPost", "doPut", "doDelete", "doPatch", "service");

    @Test
    void everyApiMethodDeclaresAKnownRole() {
        List<String> problems = apiMethodsWithoutAKnownRole(Routes.classes());
        assertEquals(List.of(), problems, "API methods without @RolesAllowed naming viewer, operator or admin "
                + "(security.boundary.ApiRoles refuses them to everyone; declare the role the route needs)");
    }

    @Test
    void everyServletIsOpenByDesignOrDeclaresItsRoles() {
        Routes.WebXml webXml = Routes.webXml();
        List<String> problems = new ArrayList<>();
        for (Routes.Servlet servlet : Routes.servlets(Routes.classes())) {
            problems.addAll(problemsOf(servlet, webXml));
        }
        assertEquals(List.of(), problems, "servlets whose access is not declared");
    }

    @Test
    void webXmlNeedsViewerEverywhereButTheOpenPaths() {
        Routes.WebXml webXml = Routes.webXml();
        assertEquals(Role.VIEWER_NAME, webXml.everythingRole(), "web.xml's rule for /* (deny by default)");
        assertEquals(Set.of("OPTIONS"), webXml.everythingOmits(), "only CORS preflights go without credentials");
        assertEquals(OPEN_PATHS, webXml.publicPatterns(), "web.xml's open paths (a new one must be meant: docs/security.md)");
        assertTrue(!webXml.opens("/" + Routes.applicationPath(Routes.classes())) && !webXml.opens("/v1/jobs"), "the API is not open");
    }

    /** The scan finds the routes known to exist, with their roles: it cannot pass by finding nothing. */
    @Test
    void theCatalogFindsTheKnownRoutesWithTheirRoles() {
        List<String> found = Routes.all().stream().map(r -> r.method() + " " + r.template() + " " + r.role()).toList();
        for (String known : List.of("GET /v1/jobs viewer", "POST /v1/jobs operator", "DELETE /v1/jobs/{name} operator",
                "POST /v1/jobs/{name}/toggle operator", "POST /v1/restore operator", "POST /v1/leave admin",
                "POST /v1/scheduler/pause admin", "GET /v1/jobs/{job}/executions/{id} viewer", "GET / viewer",
                "GET /jobs/? viewer", "POST /jobs/([^/]+)/delete operator", "POST /jobs/([^/]+)/run operator",
                "GET /new/? operator", "POST /busy/? operator", "GET /nodes viewer")) {
            assertTrue(found.contains(known), known + " not among " + found);
        }
        assertTrue(found.stream().noneMatch(r -> r.contains("/login") || r.contains("/health")), "open servlets are not routes: " + found);
        assertEquals(Set.of(SignInPages.class, SingleSignOnPages.class, DkronHealth.class),
                Set.copyOf(Routes.publicServlets().stream().map(Routes.Servlet::type).toList()));
    }

    @Test
    void pagePathsAreFilledWithSamplesAndMatchTheirPatterns() {
        Routes.Route delete = new Routes.Route(Routes.Kind.PAGE, "POST", "/jobs/([^/]+)/executions/(\\d{1,18})/cancel",
                Role.OPERATOR_NAME, "test");
        java.util.Map<String, String> samples = new java.util.LinkedHashMap<>();
        samples.put("name", "sample");
        samples.put("id", "42");
        assertEquals("/jobs/sample/executions/42/cancel", delete.path(samples), "each group takes the first sample it matches");
        assertEquals(List.of("/([^/]+)/run", "/([^/]+)/toggle"), Routes.alternatives("/([^/]+)/(run|toggle)"));
        Routes.Route api = new Routes.Route(Routes.Kind.API, "GET", "/v1/jobs/{job}/executions/{id}", "viewer", "test");
        assertEquals("/v1/jobs/j/executions/7", api.path(java.util.Map.of("job", "j", "id", "7")));
    }

    /** The checks above can fail: a resource without roles, a routed page without one, a servlet that takes POST. */
    @Test
    void theChecksCatchARouteWithoutARole() {
        assertEquals(List.of("EveryRouteDeclaresARoleTest.Unruled.create: no @RolesAllowed",
                        "EveryRouteDeclaresARoleTest.Unruled.list: @RolesAllowed([viewers]) names no role of viewer, operator, admin"),
                apiMethodsWithoutAKnownRole(List.of(Unruled.class, RuledClass.class)));
        Routes.WebXml webXml = Routes.webXml();
        assertEquals(List.of("EveryRouteDeclaresARoleTest.RoutedWithoutRole: route POST /x declares role null"),
                problemsOf(new Routes.Servlet(RoutedWithoutRole.class, List.of("/routed")), webXml));
        assertEquals(List.of("EveryRouteDeclaresARoleTest.TakesPosts at [/posts]: neither open by design, nor RoutedPages, "
                + "nor GET only (it declares doPost): give it PageRoutes with a role for each"),
                problemsOf(new Routes.Servlet(TakesPosts.class, List.of("/posts")), webXml));
        assertEquals(List.of("EveryRouteDeclaresARoleTest.TakesPosts at [/health/more]: open by web.xml but not meant to be "
                + "(EveryRouteDeclaresARoleTest.OPEN_BY_DESIGN)"),
                problemsOf(new Routes.Servlet(TakesPosts.class, List.of("/health/more")), webXml));
    }

    static List<String> apiMethodsWithoutAKnownRole(List<Class<?>> types) {
        List<String> problems = new ArrayList<>();
        for (Class<?> type : types) {
            if (type.getAnnotation(Path.class) == null) {
                continue;
            }
            for (Method method : Routes.resourceMethods(type)) {
                String where = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.') + "." + method.getName();
                RolesAllowed roles = Routes.rolesAllowed(method).orElse(null);
                if (roles == null) {
                    problems.add(where + ": no @RolesAllowed");
                } else if (roles.value().length == 0 || !Arrays.stream(roles.value()).allMatch(r -> r != null && ROLES.contains(r))) {
                    problems.add(where + ": @RolesAllowed(" + Arrays.toString(roles.value()) + ") names no role of viewer, operator, admin");
                }
            }
        }
        return problems;
    }

    static List<String> problemsOf(Routes.Servlet servlet, Routes.WebXml webXml) {
        String name = servlet.type().getName().substring(servlet.type().getPackageName().length() + 1).replace('$', '.');
        String where = name + " at " + servlet.patterns();
        if (servlet.patterns().stream().anyMatch(webXml::opens)) {
            return OPEN_BY_DESIGN.contains(servlet.type()) && servlet.patterns().stream().allMatch(webXml::opens) ? List.of()
                    : List.of(where + ": open by web.xml but not meant to be (EveryRouteDeclaresARoleTest.OPEN_BY_DESIGN)");
        }
        if (RoutedPages.class.isAssignableFrom(servlet.type())) {
            List<PageRoutes.Rule> rules = rulesOf(servlet);
            List<String> bypass = writingMethods(servlet.type(), RoutedPages.class, ANSWERING_METHODS);
            if (rules.isEmpty() || !bypass.isEmpty()) {
                return List.of(where + ": a RoutedPages " + (rules.isEmpty() ? "without routes" : "that answers outside "
                        + "its routes (" + String.join(", ", bypass) + ")"));
            }
            return rules.stream().filter(rule -> rule.role() == null || !ROLES.contains(rule.role()))
                    .map(rule -> name + ": route " + rule.method() + " " + rule.path() + " declares role " + rule.role()).toList();
        }
        List<String> writing = writingMethods(servlet.type(), HttpServlet.class, WRITING_METHODS);
        if (!writing.isEmpty() && !ERROR_PAGES.contains(servlet.type())) {
            return List.of(where + ": neither open by design, nor RoutedPages, nor GET only (it declares "
                    + String.join(", ", writing) + "): give it PageRoutes with a role for each");
        }
        return List.of();
    }

    private static List<PageRoutes.Rule> rulesOf(Routes.Servlet servlet) {
        try {
            return ((RoutedPages) servlet.type().getDeclaredConstructor().newInstance()).rules();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which of {@code methods} a servlet class, or a superclass of it below {@code top}, declares. */
    private static List<String> writingMethods(Class<?> type, Class<?> top, List<String> methods) {
        List<String> found = new ArrayList<>();
        for (Class<?> c = type; c != null && c != top; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods()).map(Method::getName).filter(methods::contains)
                    .filter(m -> !found.contains(m)).forEach(found::add);
        }
        return found;
    }

    @Path("unruled")
    public static class Unruled {
        @POST
        public String create() {
            return "";
        }

        @RolesAllowed("viewers")
        @GET
        public String list() {
            return "";
        }
    }

    @Path("ruled")
    @RolesAllowed(Role.ADMIN_NAME)
    public static class RuledClass {
        @GET
        public String all() {
            return "";
        }
    }

    public static class RoutedWithoutRole extends RoutedPages {
        @Override
        protected PageRoutes routes() {
            return new PageRoutes().get(Role.VIEWER_NAME, "/?", (request, response, parts) -> { })
                    .post(null, "/x", (request, response, parts) -> { });
        }
    }

    public static class TakesPosts extends HttpServlet {
        @Override
        protected void doPost(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        }
    }
}
