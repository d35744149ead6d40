package io.pendule.architecture;

import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.security.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import io.pendule.api.control.ApiPaths;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every route of Pendule and the role it declares, read by reflection from the compiled classes (every class under
 * io.pendule, found by walking the classes folder: not a hand list) and from web.xml:
 * <ul>
 * <li>the API: each resource method with an HTTP method annotation, its path made of {@code @ApplicationPath}, the
 * class's and the method's {@code @Path}, its role the lowest of its (or its class's) {@code @RolesAllowed};</li>
 * <li>the pages of a {@link RoutedPages} servlet: its {@link RoutedPages#rules()} (the servlet is instantiated, its
 * page actions are never called), one route for each alternative of a group such as {@code (run|toggle)};</li>
 * <li>a plain servlet: its GET under each of its URL patterns, with the role of web.xml's rule for everything.</li>
 * </ul>
 * Servlets that web.xml leaves open (the sign-in page, the health checks) are not routes with a role: {@link
 * #publicServlets()}. Used by EveryRouteDeclaresARoleTest and by the integration tests that call every route.
 */
public final class Routes {

    public enum Kind { API, PAGE }

    /**
     * A route: {@code template} is the path from the context root, with JAX-RS parameters ({@code {name}}) for the
     * API and regular expression groups for the pages; {@code role} is viewer, operator or admin, or null when the
     * route declares none; {@code declaredBy} says where, for messages.
     */
    public record Route(Kind kind, String method, String template, String role, String declaredBy) {

        /**
         * The path with every parameter or group filled: by name for the API ({@code samples} must have every
         * parameter's name), for the pages by the first of the samples' values that the group matches. Refused for a
         * part it cannot fill, so that a new kind of parameter asks for a sample rather than being skipped.
         */
        public String path(Map<String, String> samples) {
            return kind == Kind.API ? apiPath(samples) : pagePath(samples);
        }

        private String apiPath(Map<String, String> samples) {
            Matcher parameter = Pattern.compile("\\{\\s*([A-Za-z0-9_]+)\\s*(?::[^}]*)?}").matcher(template);
            StringBuilder path = new StringBuilder();
            while (parameter.find()) {
                String value = samples.get(parameter.group(1));
                if (value == null) {
                    throw new IllegalArgumentException("no sample value for {" + parameter.group(1) + "} of " + this);
                }
                parameter.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            return parameter.appendTail(path).toString();
        }

        private String pagePath(Map<String, String> samples) {
            StringBuilder path = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                char c = template.charAt(i);
                if (c == '(') {
                    int end = closing(template, i);
                    String group = template.substring(i + 1, end);
                    String value = samples.values().stream().filter(v -> v.matches(group)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no sample value matches the group (" + group
                                    + ") of " + this));
                    path.append(value);
                    i = end + 1;
                } else if (template.startsWith("/?", i) && i + 2 == template.length()) {
                    i += 2; // an optional trailing slash: without it
                } else if ("\\[]{}*+?|^$.".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("cannot fill '" + c + "' in " + this + ": teach Routes");
                } else {
                    path.append(c);
                    i++;
                }
            }
            String filled = path.isEmpty() ? "/" : path.toString();
            if (!Pattern.compile(template).matcher(filled).matches()) {
                throw new IllegalStateException(filled + " does not match " + template);
            }
            return filled;
        }

        @Override
        public String toString() {
            return method + " " + template + " (" + (role == null ? "no role" : role) + ", " + declaredBy + ")";
        }
    }

    /** A servlet and the URL patterns it is mapped to. */
    public record Servlet(Class<? extends HttpServlet> type, List<String> patterns) {
    }

    /** What web.xml says: the paths open to anyone, and the role and omitted methods of the rule for everything else. */
    public record WebXml(Set<String> publicPatterns, String everythingRole, Set<String> everythingOmits) {

        /** Whether {@code pattern} (a servlet's URL pattern) lies under an open path of web.xml. */
        public boolean opens(String pattern) {
            String path = pattern.isEmpty() ? "/" : pattern;
            return publicPatterns.stream().anyMatch(open -> open.endsWith("/*")
                    ? path.equals(open.substring(0, open.length() - 2)) || path.startsWith(open.substring(0, open.length() - 1))
                    : path.equals(open));
        }
    }

    private static final String ROOT_PACKAGE = "io.pendule.";

    private Routes() {
    }

    /** Every route of the API and the pages, in the order found. */
    public static List<Route> all() {
        List<Route> routes = new ArrayList<>(api(classes()));
        routes.addAll(pages());
        return routes;
    }

    /** The resource methods of {@code types}' root resources ({@code @Path} on the class), under the application's path. */
    public static List<Route> api(List<Class<?>> types) {
        String root = "/" + applicationPath(types);
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : types) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : resourceMethods(type)) {
                String httpMethod = httpMethod(method).orElseThrow();
                Path methodPath = method.getAnnotation(Path.class);
                String template = join(root, classPath.value(), methodPath == null ? "" : methodPath.value());
                template = template.equals(root) ? root + "/" : template; // the application's own root: /v1/
                routes.add(new Route(Kind.API, httpMethod, template, roleOf(method).orElse(null),
                        type.getSimpleName() + "." + method.getName()));
            }
        }
        routes.sort(Comparator.comparing(Route::template).thenComparing(Route::method));
        return routes;
    }

    /** The public methods of a resource class that answer an HTTP method (sub-resource locators are refused). */
    public static List<Method> resourceMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (httpMethod(method).isPresent()) {
                methods.add(method);
            } else if (method.isAnnotationPresent(Path.class)) {
                throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " is a sub-resource "
                        + "locator: the route checks do not follow them (teach Routes, or make it a resource method)");
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        return methods;
    }

    /** The HTTP method a JAX-RS method answers: the annotation meta-annotated with {@code @HttpMethod}. */
    public static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return Optional.of(http.value());
            }
        }
        return Optional.empty();
    }

    /** The roles a resource method declares, as security.boundary.ApiRoles reads them: the method's, else its class's. */
    public static Optional<RolesAllowed> rolesAllowed(Method method) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        return Optional.ofNullable(roles != null ? roles : method.getDeclaringClass().getAnnotation(RolesAllowed.class));
    }

    /** The lowest role a method lets in (roles are cumulative), if it declares any known one. */
    static Optional<String> roleOf(Method method) {
        return rolesAllowed(method).flatMap(roles -> Arrays.stream(roles.value()).map(Role::of).flatMap(Optional::stream)
                .min(Comparator.naturalOrder()).map(Role::id));
    }

    /** Every page route: each RoutedPages servlet's rules, and each plain servlet's GET, but the ones web.xml opens. */
    public static List<Route> pages() {
        WebXml webXml = webXml();
        List<Route> routes = new ArrayList<>();
        for (Servlet servlet : servlets(classes())) {
            if (servlet.patterns().stream().allMatch(webXml::opens)) {
                continue;
            }
            if (RoutedPages.class.isAssignableFrom(servlet.type())) {
                routes.addAll(routed(servlet));
            } else {
                for (String pattern : servlet.patterns()) {
                    String path = pattern.isEmpty() ? "/" : pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 1) : pattern;
                    // a plain servlet programs call (Pendule's /metrics) answers as the API does: 401, not the sign-in page
                    routes.add(new Route(ApiPaths.isApi(path) ? Kind.API : Kind.PAGE, "GET", path,
                            webXml.everythingRole(), servlet.type().getSimpleName() + " (web.xml)"));
                }
            }
        }
        return routes;
    }

    /** The servlets under io.pendule ({@code @WebServlet}) and their URL patterns. */
    @SuppressWarnings("unchecked")
    public static List<Servlet> servlets(List<Class<?>> types) {
        List<Servlet> servlets = new ArrayList<>();
        for (Class<?> type : types) {
            WebServlet annotation = type.getAnnotation(WebServlet.class);
            if (annotation != null) {
                List<String> patterns = new ArrayList<>(Arrays.asList(annotation.value()));
                patterns.addAll(Arrays.asList(annotation.urlPatterns()));
                servlets.add(new Servlet((Class<? extends HttpServlet>) type, List.copyOf(patterns)));
            }
        }
        servlets.sort(Comparator.comparing(s -> s.type().getName()));
        return servlets;
    }

    /** The servlets web.xml leaves open to anyone: every pattern of theirs lies under an open path. */
    public static List<Servlet> publicServlets() {
        WebXml webXml = webXml();
        return servlets(classes()).stream().filter(s -> s.patterns().stream().allMatch(webXml::opens)).toList();
    }

    /** A RoutedPages servlet's rules, under each of its URL patterns' folder, a route per alternative of a group. */
    static List<Route> routed(Servlet servlet) {
        List<PageRoutes.Rule> rules;
        try {
            rules = ((RoutedPages) servlet.type().getDeclaredConstructor().newInstance()).rules();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + servlet.type().getName() + " to read its rules", e);
        }
        Set<String> bases = new LinkedHashSet<>();
        servlet.patterns().forEach(p -> bases.add(p.endsWith("/*") ? p.substring(0, p.length() - 2) : p));
        List<Route> routes = new ArrayList<>();
        for (String base : bases) {
            for (PageRoutes.Rule rule : rules) {
                for (String path : alternatives(rule.path())) {
                    routes.add(new Route(Kind.PAGE, rule.method(), base + path,
                            rule.role(), servlet.type().getSimpleName() + " " + rule.method() + " " + rule.path()));
                }
            }
        }
        return routes;
    }

    /** A path pattern with its groups of plain words ({@code (run|toggle)}) written out, one pattern per word. */
    static List<String> alternatives(String pattern) {
        Matcher words = Pattern.compile("\\(([A-Za-z0-9_-]+(?:\\|[A-Za-z0-9_-]+)*)\\)").matcher(pattern);
        if (!words.find()) {
            return List.of(pattern);
        }
        List<String> expanded = new ArrayList<>();
        for (String word : words.group(1).split("\\|")) {
            expanded.addAll(alternatives(pattern.substring(0, words.start()) + word + pattern.substring(words.end())));
        }
        return expanded;
    }

    /** The value of the {@code @ApplicationPath} of the one JAX-RS application among {@code types}. */
    static String applicationPath(List<Class<?>> types) {
        List<String> paths = types.stream().map(t -> t.getAnnotation(ApplicationPath.class)).filter(a -> a != null)
                .map(ApplicationPath::value).toList();
        if (paths.size() != 1) {
            throw new IllegalStateException("expected one @ApplicationPath, found " + paths);
        }
        return paths.get(0).replaceAll("^/+|/+$", "");
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            String trimmed = part.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                path.append('/').append(trimmed);
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** Where a group opened at {@code open} closes, past escapes and character classes. */
    private static int closing(String pattern, int open) {
        int depth = 0;
        boolean inClass = false;
        for (int i = open; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced group in " + pattern);
    }

    /** Every class under io.pendule in the compiled classes (the folder or jar that holds Pendule's own classes). */
    public static List<Class<?>> classes() {
        java.nio.file.Path root;
        try {
            root = Paths.get(Role.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                    files.map(root::relativize).map(java.nio.file.Path::toString).forEach(names::add);
                }
            } else {
                try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(root.toFile())) {
                    jar.stream().map(java.util.zip.ZipEntry::getName).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            if (!name.endsWith(".class")) {
                continue;
            }
            String className = name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.');
            if (className.startsWith(ROOT_PACKAGE) && !className.endsWith("package-info")) {
                try {
                    types.add(Class.forName(className, false, Routes.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + className + " to read its routes", e);
                }
            }
        }
        if (types.size() < 50) {
            throw new IllegalStateException("found only " + types.size() + " classes under " + root + ": not Pendule's classes");
        }
        types.sort(Comparator.comparing(Class::getName));
        return types;
    }

    /** web.xml of the sources (the folder the build packs into the war). */
    public static WebXml webXml() {
        java.nio.file.Path file = Paths.get(System.getProperty("basedir", "."), "webapp", "WEB-INF", "web.xml");
        try {
            Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(file.toFile());
            Set<String> open = new LinkedHashSet<>();
            String everythingRole = null;
            Set<String> everythingOmits = new LinkedHashSet<>();
            NodeList constraints = document.getElementsByTagNameNS("*", "security-constraint");
            for (int i = 0; i < constraints.getLength(); i++) {
                Element constraint = (Element) constraints.item(i);
                List<String> patterns = texts(constraint, "url-pattern");
                NodeList auth = constraint.getElementsByTagNameNS("*", "auth-constraint");
                if (auth.getLength() == 0) {
                    open.addAll(patterns);
                } else if (patterns.contains("/*")) {
                    List<String> roles = texts((Element) auth.item(0), "role-name");
                    if (roles.size() != 1) {
                        throw new IllegalStateException("web.xml's rule for /* names roles " + roles + ", expected one");
                    }
                    everythingRole = roles.get(0);
                    everythingOmits.addAll(texts(constraint, "http-method-omission"));
                    if (!texts(constraint, "http-method").isEmpty()) {
                        throw new IllegalStateException("web.xml's rule for /* is limited to some methods");
                    }
                }
            }
            return new WebXml(Set.copyOf(open), everythingRole, Set.copyOf(everythingOmits));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagNameNS("*", tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }
}
